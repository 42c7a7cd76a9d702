export const CONSUMER_GROUP_PREFIX = Symbol('CONSUMER_GROUP_PREFIX');
/** The park's revenue breakdown lines. */
export const REPORT_LINES = Symbol('REPORT_LINES');
export const DUE_DAY = Symbol('DUE_DAY');
export const ANOMALY_THRESHOLDS = Symbol('ANOMALY_THRESHOLDS');
