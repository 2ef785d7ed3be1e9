// The "New conversation" dialog: find a user by username, then open the existing one-to-one conversation
// with them or start one (with an optional title).

import { h } from '../dom.js';
import { api } from '../api.js';
import { describe } from '../http.js';

export class NewConversationDialog {
    /**
     * @param {import('../store.js').Store} store
     * @param {(id: string) => void} onOpen
     */
    constructor(store, onOpen) {
        this.store = store;
        this.onOpen = onOpen;
        this.username = h('input', { id: 'new-username', name: 'username', autocomplete: 'off', autocapitalize: 'none', spellcheck: 'false', required: true });
        this.title = h('input', { id: 'new-title', name: 'title', autocomplete: 'off', maxlength: '200' });
        this.error = h('p', { class: 'form-error', role: 'alert' });
        this.submit = h('button', { type: 'submit', class: 'button primary' }, 'Start conversation');
        this.element = h('dialog', { class: 'dialog', 'aria-labelledby': 'new-conversation-title' },
            h('form', { class: 'dialog-form', novalidate: true, onsubmit: event => this.start(event) },
                h('h2', { id: 'new-conversation-title' }, 'New conversation'),
                h('div', { class: 'field' },
                    h('label', { for: 'new-username' }, 'Username'),
                    this.username,
                    h('p', { class: 'field-hint' }, 'The exact username of the person you want to talk to.')),
                h('div', { class: 'field' },
                    h('label', { for: 'new-title' }, 'Title ', h('span', { class: 'optional' }, '(optional)')),
                    this.title),
                this.error,
                h('div', { class: 'dialog-actions' },
                    h('button', { type: 'button', class: 'button secondary', onclick: () => this.element.close() }, 'Cancel'),
                    this.submit)));
    }

    show() {
        this.username.value = '';
        this.title.value = '';
        this.error.textContent = '';
        this.submit.disabled = false;
        this.element.showModal();
        this.username.focus();
    }

    async start(event) {
        event.preventDefault();
        const username = this.username.value.trim();
        const title = this.title.value.trim();
        if (!username) {
            this.error.textContent = 'Enter a username.';
            this.username.focus();
            return;
        }
        this.error.textContent = '';
        this.submit.disabled = true;
        try {
            const found = (await api.findUser(username)).results[0];
            if (!found) {
                this.error.textContent = `Nobody is called “${username}”. Check the spelling.`;
            } else if (found.user_id === this.store.me.user_id) {
                this.error.textContent = 'That is you. Pick someone else.';
            } else {
                const conversation = (!title && await this.existingWith(found.user_id)) || await api.createConversation([found.user_id], title);
                this.store.putConversation(conversation);
                this.element.close();
                this.onOpen(conversation.conversation_id);
            }
        } catch (error) {
            this.error.textContent = describe(error);
        } finally {
            this.submit.disabled = false;
        }
    }

    /** The untitled one-to-one conversation with that user, if there is one. */
    async existingWith(userId) {
        const page = await api.conversationsWith(userId);
        return page.results.find(c => !c.title && c.participants.length === 2) || null;
    }
}
