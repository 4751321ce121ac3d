/**
 * PrestaShop's key check: the key is the HTTP Basic user name (empty password), with `ws_key`
 * in the query as a fallback; Basic wins when both are present. No key at all is a bare 401
 * challenge; a bad key is a 401 with a numbered error (17 empty, 18 not 32 chars, 20 + 21 unknown),
 * sent with the challenge header and `PSWS-Version: 0` as 8.2.1 does (`05b-401-wrong-key.*`).
 */
import { timingSafeEqual } from 'node:crypto';
import { WsError } from './ws-error.js';

export const WWW_AUTHENTICATE =
  'Basic realm="Welcome to PrestaShop Webservice, please enter the authentication key as the login. No password required."';

const KEY_ERROR_HEADERS = { 'www-authenticate': WWW_AUTHENTICATE, 'psws-version': '0' };

function keyError(code: number, message: string, more: { code: number; message: string }[] = []): WsError {
  return new WsError(401, code, message, more, KEY_ERROR_HEADERS);
}

export type AuthResult = { ok: true } | { ok: false; challenge: true } | { ok: false; challenge: false; error: WsError };

export function checkWsKey(authorization: string | undefined, wsKey: string | undefined, expected: string): AuthResult {
  let key: string | undefined;
  const basic = authorization ? /^Basic\s+(.*)$/i.exec(authorization.trim()) : null;
  if (basic) {
    const decoded = Buffer.from(basic[1] ?? '', 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    key = colon === -1 ? decoded : decoded.slice(0, colon);
  } else if (wsKey !== undefined) {
    key = wsKey;
  }
  if (key === undefined) return { ok: false, challenge: true };
  if (key === '') return { ok: false, challenge: false, error: keyError(17, 'Authentication key is empty') };
  if (key.length !== 32) return { ok: false, challenge: false, error: keyError(18, 'Invalid authentication key format') };
  const given = Buffer.from(key);
  const wanted = Buffer.from(expected);
  if (given.length !== wanted.length || !timingSafeEqual(given, wanted)) {
    return {
      ok: false,
      challenge: false,
      error: keyError(20, 'Authentification key is not active', [{ code: 21, message: 'No permission for this authentication key' }]),
    };
  }
  return { ok: true };
}
