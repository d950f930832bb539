/** `npm start`: build when needed, then run the production server (migrates and seeds at start). */
import { buildIfNeeded } from './build-if-needed.ts'

process.env.NODE_ENV ??= 'production'
buildIfNeeded()
await import('../server.ts')
