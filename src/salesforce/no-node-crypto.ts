// Stands in for Node's `crypto` in the browser build of cosell/salesforce. jsforce's OAuth2 uses it
// only for its own PKCE (`useVerifier`), which Cosell does not use: beginAuthorization() makes the
// verifier and challenge with Web Crypto.
const unavailable = (): never => {
  throw new Error('Node crypto is not available in the browser build of cosell/salesforce: use beginAuthorization() for PKCE.');
};
export const randomBytes = unavailable;
export const createHash = unavailable;
export default { randomBytes, createHash };
