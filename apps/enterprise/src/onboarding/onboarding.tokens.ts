/** The park's configurable list of industries. */
export const INDUSTRIES = Symbol('INDUSTRIES');
