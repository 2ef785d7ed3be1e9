// The live event stream (Server-Sent Events). EventSource cannot send an Authorization header, so each
// connection uses a one-time ticket; EventSource's own reconnects would reuse a spent ticket, so this module
// closes a failed stream and opens a new one with a fresh ticket and the last event id it saw.

import { api } from './api.js';

const EVENT_TYPES = [
    'message.created', 'message.updated', 'message.deleted',
    'conversation.created', 'conversation.updated', 'conversation.deleted',
    'read.updated', 'resync',
];

const MAX_DELAY = 30_000;

export class LiveEvents {
    /**
     * @param {(type: string, data: object) => void} onEvent called for each event, in order
     * @param {(state: 'connecting'|'live'|'offline') => void} onState
     * @param {() => void} onFresh called when a stream opens without a cursor to resume from: it carries only
     *     what happens from now on, so what happened before it opened must be read from the lists
     */
    constructor(onEvent, onState, onFresh) {
        this.onEvent = onEvent;
        this.onState = onState;
        this.onFresh = onFresh;
        this.lastEventId = null;
        this.source = null;
        this.retryTimer = null;
        this.failures = 0;
        this.stopped = true;
        this.connecting = false;
    }

    start() {
        this.stopped = false;
        this.connect();
    }

    stop() {
        this.stopped = true;
        clearTimeout(this.retryTimer);
        this.source?.close();
        this.source = null;
    }

    /**
     * The browser reports it went offline: closes the stream at once (a dead connection may otherwise look
     * open for minutes) and waits for nudge() to reconnect, resuming from the last event id.
     */
    suspend() {
        if (this.stopped) {
            return;
        }
        clearTimeout(this.retryTimer);
        this.source?.close();
        this.source = null;
        this.onState('offline');
    }

    /** Reconnects now (the browser came back online, or the tab became visible after a failure). */
    nudge() {
        if (!this.stopped && !this.source && !this.connecting) {
            clearTimeout(this.retryTimer);
            this.connect();
        }
    }

    async connect() {
        this.onState('connecting');
        let ticket;
        this.connecting = true;
        try {
            ({ ticket } = await api.eventTicket());
        } catch {
            this.retry();
            return;
        } finally {
            this.connecting = false;
        }
        if (this.stopped) {
            return;
        }
        const query = new URLSearchParams({ ticket });
        const resuming = this.lastEventId !== null;
        if (resuming) {
            query.set('last_event_id', this.lastEventId);
        }
        const source = new EventSource(`/api/events/?${query}`);
        this.source = source;
        source.addEventListener('open', () => {
            this.failures = 0;
            this.onState('live');
            if (!resuming) {
                this.onFresh();
            }
        });
        source.addEventListener('error', () => {
            if (this.source === source) {
                source.close();
                this.source = null;
                this.retry();
            }
        });
        for (const type of EVENT_TYPES) {
            source.addEventListener(type, event => this.dispatch(type, event));
        }
    }

    dispatch(type, event) {
        if (event.lastEventId) {
            this.lastEventId = event.lastEventId;
        }
        let data;
        try {
            data = JSON.parse(event.data || '{}');
        } catch {
            return;
        }
        this.onEvent(type, data);
    }

    /** Waits 0.5 s, 1 s, 2 s ... up to 30 s (with jitter) before the next attempt. */
    retry() {
        if (this.stopped) {
            return;
        }
        this.onState('offline');
        const delay = Math.min(MAX_DELAY, 500 * 2 ** this.failures) * (0.75 + Math.random() / 2);
        this.failures++;
        this.retryTimer = setTimeout(() => this.connect(), delay);
    }
}
