import { createContext, useContext } from 'react'

const NonceContext = createContext('')

/** The CSP nonce of this response; empty in the browser, which hides nonces from scripts. */
export const NonceProvider = NonceContext.Provider
export const useNonce = () => useContext(NonceContext)
