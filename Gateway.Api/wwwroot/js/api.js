// The messaging API with the session's access token: a 401 refreshes the token once and repeats the request.

import { ApiError, request } from './http.js';
import { accessToken, refresh } from './session.js';

async function call(method, path, body) {
    try {
        return await request(method, path, { body, token: accessToken() });
    } catch (error) {
        if (!(error instanceof ApiError) || error.status !== 401) {
            throw error;
        }
        if (!await refresh()) {
            throw error;
        }
        return request(method, path, { body, token: accessToken() });
    }
}

/** A path and query from an absolute `next` link of a page, so the request stays on this origin. */
function local(link) {
    const url = new URL(link, location.href);
    return url.pathname + url.search;
}

const base = id => `/api/conversations/${encodeURIComponent(id)}`;

export const api = {
    findUser: username => call('GET', `/api/users/?username=${encodeURIComponent(username)}`),

    /** Every conversation of the caller, following `next` links (at most 20 pages of 100). */
    async conversations() {
        const all = [];
        let path = '/api/conversations/?page_size=100';
        for (let page = 0; path && page < 20; page++) {
            const answer = await call('GET', path);
            all.push(...answer.results);
            path = answer.next ? local(answer.next) : null;
        }
        return all;
    },

    conversation: id => call('GET', `${base(id)}/`),

    /** Another user's conversations with the caller ({participant} filter). */
    conversationsWith: userId => call('GET', `/api/conversations/?participant=${encodeURIComponent(userId)}&page_size=100`),

    createConversation: (participants, title) =>
        call('POST', '/api/conversations/', { participants, ...(title ? { title } : {}) }),

    /** Newest first: the latest messages, or those before `beforeSeq`, or those after `afterSeq`. */
    messages(id, { beforeSeq, afterSeq, pageSize = 50 } = {}) {
        const query = new URLSearchParams({ page_size: String(pageSize) });
        if (beforeSeq) {
            query.set('before_seq', String(beforeSeq));
        }
        if (afterSeq !== undefined) {
            query.set('after_seq', String(afterSeq));
            query.set('ordering', 'sent_at');
        }
        return call('GET', `${base(id)}/messages/?${query}`);
    },

    send: (id, messageBody, clientMessageId) =>
        call('POST', `${base(id)}/messages/`, { message_body: messageBody, client_message_id: clientMessageId }),

    markRead: (id, seq) => call('PUT', `${base(id)}/read/`, { seq }),

    eventTicket: () => call('POST', '/api/events/ticket/', {}),
};
