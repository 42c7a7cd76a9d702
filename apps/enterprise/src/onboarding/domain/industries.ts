/** The park's industries by default; ENTERPRISE_INDUSTRIES overrides them. */
export const DEFAULT_INDUSTRIES = [
  'short-video', 'live-commerce', 'esports', 'virtual-human', 'metaverse', 'ai-models', '3d-data',
  'data-services', 'coal', 'coke', 'steel', 'power', 'new-energy', 'manufacturing', 'other',
] as const;
