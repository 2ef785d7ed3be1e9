// One open conversation: its history (scrolling up loads older messages with before_seq), the send box, and
// the read marker, which moves while the conversation is open and the page is visible.

import { formatDay, formatFull, formatTime, h, hue, initials, newId, replaceChildren, sameDay } from '../dom.js';
import { api } from '../api.js';
import { ApiError, NetworkError, describe } from '../http.js';
import { conversationName } from '../store.js';

const PAGE = 50;
const NEAR_TOP = 150;
const NEAR_BOTTOM = 80;
const MAX_BODY = 4000;

export class ConversationView {
    /**
     * @param {import('../store.js').Store} store
     * @param {{toast: (text: string) => void, onBack: () => void}} ui
     */
    constructor(store, ui) {
        this.store = store;
        this.ui = ui;
        this.id = null;
        this.readTimer = null;
        this.readInFlight = false;
        this.element = h('main', { class: 'conversation-pane' });
        this.showEmpty();

        store.addEventListener('thread', event => {
            if (event.detail === this.id) {
                this.renderMessages();
            }
        });
        store.addEventListener('conversations', () => {
            if (this.id) {
                this.renderHeader();
            }
        });
    }

    showEmpty(text = null) {
        this.id = null;
        replaceChildren(this.element, h('div', { class: 'pane-empty' },
            h('div', { class: 'pane-empty-art', 'aria-hidden': 'true' }),
            h('h2', {}, text || 'Your messages'),
            h('p', {}, text ? 'Pick another one from the list.' : 'Choose a conversation on the left, or start a new one.')));
    }

    async open(id) {
        if (this.id === id) {
            return;
        }
        this.id = id;
        this.header = h('header', { class: 'conversation-header' });
        this.historyStatus = h('p', { class: 'history-status', role: 'status' });
        this.list = h('ol', { class: 'messages', 'aria-label': 'Messages' });
        this.scroller = h('div', { class: 'messages-scroller', tabindex: '0', 'aria-label': 'Message history', onscroll: () => this.onScroll() },
            this.historyStatus, this.list);
        this.jump = h('button', { type: 'button', class: 'jump-new', hidden: true, onclick: () => this.scrollToBottom() }, 'New messages ↓');
        this.input = h('textarea', {
            id: 'composer-input', rows: '1', placeholder: 'Write a message…', maxlength: String(MAX_BODY),
            'aria-describedby': 'composer-hint', onkeydown: event => this.onKey(event), oninput: () => this.onInput(),
        });
        this.sendButton = h('button', { type: 'submit', class: 'button primary send', disabled: true }, 'Send');
        this.counter = h('span', { class: 'composer-counter', 'aria-live': 'polite' });
        const composer = h('form', { class: 'composer', onsubmit: event => this.onSubmit(event) },
            h('label', { for: 'composer-input', class: 'visually-hidden' }, 'Message'),
            this.input,
            this.sendButton,
            h('p', { id: 'composer-hint', class: 'composer-hint' }, 'Enter to send, Shift+Enter for a new line. ', this.counter));
        replaceChildren(this.element, this.header, h('div', { class: 'messages-frame' }, this.scroller, this.jump), composer);
        this.renderHeader();

        const thread = this.store.thread(id);
        this.renderMessages();
        this.scrollToBottom();
        this.input.focus();
        if (!thread.loaded) {
            await this.loadLatest(id);
        } else {
            this.catchUp(id);
        }
        this.scheduleRead();
    }

    close() {
        this.showEmpty();
    }

    renderHeader() {
        const conversation = this.store.conversations.get(this.id);
        if (!conversation) {
            return;
        }
        const name = conversationName(conversation, this.store.me);
        const people = conversation.participants.map(p => (p.user_id === this.store.me.user_id ? 'you' : p.username));
        replaceChildren(this.header,
            h('button', { type: 'button', class: 'button ghost back', 'aria-label': 'Back to conversations', onclick: this.ui.onBack }, '←'),
            h('span', { class: `avatar ${hue(name)}`, 'aria-hidden': 'true' }, initials(name)),
            h('div', { class: 'conversation-title' },
                h('h2', {}, name),
                h('p', { class: 'participants' }, `${people.length} people: ${people.join(', ')}`)));
    }

    async loadLatest(id) {
        this.historyStatus.textContent = 'Loading messages…';
        try {
            const page = await api.messages(id, { pageSize: PAGE });
            if (this.id !== id) {
                return;
            }
            const thread = this.store.thread(id);
            thread.loaded = true;
            thread.hasOlder = page.next !== null;
            this.store.putMessages(id, page.results);
            if (page.results.length) {
                this.store.setPreview(id, page.results[0]);
            }
            this.scrollToBottom();
            this.fillViewport();
        } catch (error) {
            if (this.id === id) {
                this.historyStatus.textContent = `Could not load messages. ${describe(error)}`;
            }
        }
    }

    /** After a reconnect or a resync: whatever arrived after the newest message loaded. */
    async catchUp(id) {
        if (!this.store.thread(id).loaded) {
            // Still loading its latest page, which will hold whatever came.
            return;
        }
        try {
            const page = await api.messages(id, { afterSeq: this.store.newestSeq(id), pageSize: 100 });
            this.store.putMessages(id, page.results);
            if (page.next) {
                await this.reload(id);
            }
        } catch {
            // The stream brings what is new anyway; a failed catch-up is retried on the next resync.
        }
    }

    /** Drops what is loaded and reads the latest page again. */
    async reload(id) {
        const thread = this.store.thread(id);
        thread.messages = [];
        thread.loaded = false;
        if (this.id === id) {
            await this.loadLatest(id);
            this.scheduleRead();
        }
    }

    async loadOlder() {
        const id = this.id;
        const thread = this.store.thread(id);
        if (!thread.loaded || !thread.hasOlder || thread.loadingOlder || thread.messages.length === 0) {
            return;
        }
        thread.loadingOlder = true;
        this.historyStatus.textContent = 'Loading older messages…';
        try {
            const page = await api.messages(id, { beforeSeq: thread.messages[0].seq, pageSize: PAGE });
            if (this.id !== id) {
                return;
            }
            thread.hasOlder = page.next !== null;
            const before = this.scroller.scrollHeight - this.scroller.scrollTop;
            this.store.putMessages(id, page.results);
            // Keep the messages the reader is looking at where they were.
            this.scroller.scrollTop = this.scroller.scrollHeight - before;
        } catch (error) {
            this.ui.toast(`Could not load older messages. ${describe(error)}`);
        } finally {
            thread.loadingOlder = false;
            this.renderHistoryStatus();
        }
        this.fillViewport();
    }

    /** Loads older pages while the history does not fill the view (nothing to scroll yet). */
    fillViewport() {
        const thread = this.store.thread(this.id);
        if (thread.hasOlder && this.scroller.scrollHeight <= this.scroller.clientHeight + NEAR_TOP) {
            this.loadOlder();
        }
    }

    onScroll() {
        if (this.scroller.scrollTop < NEAR_TOP) {
            this.loadOlder();
        }
        if (this.isNearBottom()) {
            this.jump.hidden = true;
        }
    }

    isNearBottom() {
        return this.scroller.scrollHeight - this.scroller.scrollTop - this.scroller.clientHeight < NEAR_BOTTOM;
    }

    scrollToBottom() {
        this.scroller.scrollTop = this.scroller.scrollHeight;
        this.jump.hidden = true;
    }

    renderHistoryStatus() {
        const thread = this.store.thread(this.id);
        if (!thread.loaded) {
            return;
        }
        if (thread.messages.length === 0 && thread.pending.length === 0) {
            this.historyStatus.textContent = 'No messages yet. Say hello!';
        } else if (thread.hasOlder) {
            this.historyStatus.textContent = thread.loadingOlder ? 'Loading older messages…' : '';
        } else {
            this.historyStatus.textContent = 'This is the beginning of the conversation.';
        }
    }

    renderMessages() {
        const thread = this.store.thread(this.id);
        const stick = this.isNearBottom();
        const previousNewest = this.list.lastElementChild?.dataset.seq;
        const conversation = this.store.conversations.get(this.id);
        const group = (conversation?.participants.length || 0) > 2;
        const items = [];
        let previous = null;
        for (const message of thread.messages) {
            items.push(...this.renderMessage(message, previous, group));
            previous = message;
        }
        for (const pending of thread.pending) {
            items.push(this.renderPending(pending));
        }
        replaceChildren(this.list, items);
        this.renderHistoryStatus();

        const newest = thread.messages[thread.messages.length - 1];
        const grew = newest && String(newest.seq) !== previousNewest;
        if (stick || (newest && this.store.isMine(newest) && grew)) {
            this.scrollToBottom();
        } else if (grew && previousNewest !== undefined) {
            this.jump.hidden = false;
        }
    }

    renderMessage(message, previous, group) {
        const mine = this.store.isMine(message);
        const items = [];
        if (!previous || !sameDay(previous.sent_at, message.sent_at)) {
            items.push(h('li', { class: 'day-separator', role: 'separator' }, h('span', {}, formatDay(message.sent_at))));
        }
        const continued = previous && previous.sender.user_id === message.sender.user_id && sameDay(previous.sent_at, message.sent_at)
            && new Date(message.sent_at) - new Date(previous.sent_at) < 5 * 60_000;
        items.push(h('li', {
            class: `message ${mine ? 'mine' : 'theirs'}${continued ? ' continued' : ''}`,
            dataset: { seq: String(message.seq), messageId: message.message_id },
        },
        !mine && group && !continued ? h('span', { class: 'sender' }, message.sender.username) : null,
        h('div', { class: 'bubble' },
            h('span', { class: 'visually-hidden' }, mine ? 'You: ' : `${message.sender.username}: `),
            h('p', { class: 'body' }, message.message_body),
            h('span', { class: 'meta' },
                message.edited_at ? h('span', { class: 'edited' }, 'edited') : null,
                h('time', { datetime: message.sent_at, title: formatFull(message.sent_at) }, formatTime(message.sent_at))))));
        return items;
    }

    renderPending(pending) {
        const failed = pending.state === 'failed';
        return h('li', { class: `message mine pending${failed ? ' failed' : ''}`, dataset: { clientMessageId: pending.client_message_id } },
            h('div', { class: 'bubble' },
                h('p', { class: 'body' }, pending.message_body),
                h('span', { class: 'meta' },
                    failed
                        ? [h('span', { class: 'status' }, 'Not sent. '),
                            h('button', { type: 'button', class: 'link retry', onclick: () => this.deliver(this.id, pending) }, 'Retry')]
                        : h('span', { class: 'status' }, 'Sending…'))));
    }

    onKey(event) {
        if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
            event.preventDefault();
            this.onSubmit(event);
        }
    }

    onInput() {
        const length = [...this.input.value].length;
        this.sendButton.disabled = this.input.value.trim() === '';
        this.counter.textContent = length > MAX_BODY - 200 ? `${MAX_BODY - length} characters left.` : '';
        this.input.style.height = 'auto';
        this.input.style.height = `${Math.min(this.input.scrollHeight, 160)}px`;
    }

    onSubmit(event) {
        event.preventDefault();
        const body = this.input.value;
        if (body.trim() === '' || !this.id) {
            return;
        }
        const pending = { client_message_id: newId(), message_body: body, state: 'sending' };
        this.input.value = '';
        this.onInput();
        this.store.addPending(this.id, pending);
        this.scrollToBottom();
        this.deliver(this.id, pending);
    }

    /**
     * Sends a pending message. Its client_message_id makes retries safe: a send that did arrive is not stored
     * twice. Network failures, 5xx and 429 are retried a few times by themselves; then the user can retry.
     */
    async deliver(id, pending) {
        this.store.updatePending(id, pending.client_message_id, 'sending');
        for (let attempt = 0; ; attempt++) {
            try {
                const message = await api.send(id, pending.message_body, pending.client_message_id);
                this.store.putMessages(id, [message]);
                this.store.setPreview(id, message);
                this.store.putConversation({ conversation_id: id, last_message_at: message.sent_at });
                this.store.setRead(id, message.seq, 0);
                return;
            } catch (error) {
                const transient = error instanceof NetworkError || (error instanceof ApiError && (error.status >= 500 || error.status === 429));
                if (!transient || attempt >= 3) {
                    this.store.updatePending(id, pending.client_message_id, 'failed');
                    this.ui.toast(`Message not sent. ${describe(error)}`);
                    return;
                }
                const wait = error.retryAfter ? error.retryAfter * 1000 : 500 * 2 ** attempt;
                await new Promise(resolve => setTimeout(resolve, wait));
            }
        }
    }

    /** Moves the read marker to the newest loaded message, soon, if the conversation is open and visible. */
    scheduleRead() {
        clearTimeout(this.readTimer);
        this.readTimer = setTimeout(() => this.markRead(), 100);
    }

    async markRead() {
        const id = this.id;
        const conversation = id && this.store.conversations.get(id);
        if (!conversation || document.visibilityState !== 'visible' || this.readInFlight) {
            return;
        }
        const seq = this.store.newestSeq(id);
        if (seq === 0 || (seq <= (conversation.last_read_seq || 0) && !conversation.unread_count)) {
            return;
        }
        this.readInFlight = true;
        this.store.setRead(id, seq, 0);
        try {
            const marker = await api.markRead(id, seq);
            this.store.setRead(id, marker.last_read_seq, marker.unread_count);
        } catch {
            // The badge is already cleared here; the server's next read.updated or list read sets it right.
        } finally {
            this.readInFlight = false;
        }
        if (this.store.newestSeq(id) > seq) {
            this.scheduleRead();
        }
    }
}
