// The browser session. The access token lives in this module's memory only; the refresh token is an HttpOnly
// cookie that this code never sees. A reload asks /api/session/refresh/ for a new access token.

import { ApiError, request } from './http.js';

const REFRESH_LOCK = 'messaging-session-refresh';

let access = null;
let user = null;
let timer = null;
let inflight = null;
const endListeners = new Set();

/** The logged-in user ({user_id, username}) from the access token's claims, or null. */
export function currentUser() {
    return user;
}

export function accessToken() {
    return access;
}

/** Calls listener(reason) when the session ends without the user logging out (refresh refused). */
export function onSessionEnded(listener) {
    endListeners.add(listener);
}

export async function login(username, password) {
    const answer = await request('POST', '/api/session/', { body: { username, password } });
    adopt(answer.access);
    return user;
}

export async function register(fields) {
    await request('POST', '/api/register/', { body: fields });
    return login(fields.username, fields.password);
}

/** Resumes the session of the cookie, if there is one; true when logged in. */
export async function restore() {
    return refresh();
}

/**
 * A new access token from the cookie. Concurrent callers share one request, and tabs take turns (Web Locks)
 * so that two tabs never present the same refresh token: the second would count as reuse and end the login.
 * Resolves false when the session is over; throws NetworkError when the server cannot be reached.
 */
export function refresh() {
    if (!inflight) {
        inflight = withLock(refreshNow).finally(() => {
            inflight = null;
        });
    }
    return inflight;
}

async function refreshNow() {
    try {
        const answer = await request('POST', '/api/session/refresh/', { body: {} });
        adopt(answer.access);
        return true;
    } catch (error) {
        if (error instanceof ApiError && error.status === 401) {
            const hadSession = access !== null;
            clear();
            if (hadSession) {
                endListeners.forEach(listener => listener('Your session has ended. Please log in again.'));
            }
            return false;
        }
        throw error;
    }
}

function withLock(work) {
    return navigator.locks ? navigator.locks.request(REFRESH_LOCK, work) : work();
}

export async function logout() {
    clear();
    try {
        await request('POST', '/api/session/logout/', { body: {} });
    } catch {
        // The cookie is cleared by the next successful call anyway; the page forgets the token now.
    }
}

function adopt(token) {
    const claims = decode(token);
    access = token;
    user = { user_id: claims.sub, username: claims.username };
    schedule(claims.exp);
}

function clear() {
    access = null;
    user = null;
    clearTimeout(timer);
}

/** Refreshes a minute before the access token expires (sooner for short lifetimes), so requests rarely meet a 401. */
function schedule(expiresAt) {
    clearTimeout(timer);
    const lifetime = expiresAt * 1000 - Date.now();
    const delay = Math.max(5_000, Math.min(lifetime - 60_000, lifetime * 0.8));
    timer = setTimeout(() => {
        refresh().catch(() => {
            // Offline: the next request that meets a 401 tries again.
        });
    }, delay);
}

/** The claims of a JWT; the signature is the server's business. */
function decode(token) {
    const payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const json = new TextDecoder().decode(Uint8Array.from(atob(payload), c => c.charCodeAt(0)));
    return JSON.parse(json);
}
