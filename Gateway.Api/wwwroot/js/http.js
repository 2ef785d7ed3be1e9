// fetch with JSON in and out, and the API's problem details (RFC 9457) as errors.

/** An answer that was not a success: its status and the problem's detail and field errors. */
export class ApiError extends Error {
    constructor(status, detail, errors = {}, retryAfter = null) {
        super(detail);
        this.status = status;
        this.errors = errors;
        this.retryAfter = retryAfter;
    }

    static async from(response) {
        let problem = {};
        try {
            problem = await response.json();
        } catch {
            // Not JSON (a proxy's error page): the status says enough.
        }
        const retryAfter = Number(response.headers.get('Retry-After')) || null;
        return new ApiError(response.status, problem.detail || problem.title || `Request failed (${response.status}).`,
            problem.errors || {}, retryAfter);
    }
}

/** The network failed (offline, server down): nothing came back. */
export class NetworkError extends Error {
    constructor(cause) {
        super('Cannot reach the server. Check your connection.');
        this.cause = cause;
    }
}

/**
 * Sends a request with a JSON body (or none) and returns the parsed answer, null for 204.
 * Throws ApiError for an error status and NetworkError when nothing came back.
 */
export async function request(method, path, { body, token, signal } = {}) {
    const headers = { Accept: 'application/json' };
    if (body !== undefined) {
        headers['Content-Type'] = 'application/json';
    }
    if (token) {
        headers.Authorization = `Bearer ${token}`;
    }
    let response;
    try {
        response = await fetch(path, {
            method,
            headers,
            body: body === undefined ? undefined : JSON.stringify(body),
            credentials: 'same-origin',
            cache: 'no-store',
            signal,
        });
    } catch (error) {
        if (error.name === 'AbortError') {
            throw error;
        }
        throw new NetworkError(error);
    }
    if (!response.ok) {
        throw await ApiError.from(response);
    }
    if (response.status === 204) {
        return null;
    }
    const text = await response.text();
    return text ? JSON.parse(text) : null;
}

/** A user-facing sentence for any error thrown by request(). */
export function describe(error) {
    if (error instanceof ApiError) {
        if (error.status === 429) {
            return error.retryAfter
                ? `Too many attempts. Try again in ${error.retryAfter} seconds.`
                : 'Too many attempts. Try again in a moment.';
        }
        if (error.status >= 500) {
            return 'The service is having trouble right now. Try again in a moment.';
        }
        return error.message;
    }
    if (error instanceof NetworkError) {
        return error.message;
    }
    return 'Something went wrong. Try again.';
}
