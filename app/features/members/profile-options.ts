/** Profile choices shared by the schema, the forms and the directory filters (safe for the browser). */
export const companySizes = ['1-50', '51-200', '201-1000', '1001-5000', '5001+'] as const
export const businessModels = ['b2b', 'b2c', 'both'] as const
export const openToOptions = ['peer-exchange', 'mentoring', 'speaking'] as const
/** members: listed in the directory and suggestions; connections: only existing connections see the full profile. */
export const profileVisibilities = ['members', 'connections'] as const
