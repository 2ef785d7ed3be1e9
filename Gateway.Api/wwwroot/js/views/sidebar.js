// The conversation list: name, last activity, a preview of the latest message and the unread badge.

import { formatRecent, h, hue, initials, replaceChildren } from '../dom.js';
import { conversationName } from '../store.js';

export class Sidebar {
    /**
     * @param {import('../store.js').Store} store
     * @param {{onNew: () => void, onLogout: () => void}} actions
     */
    constructor(store, actions) {
        this.store = store;
        this.openId = null;
        this.loaded = false;
        this.list = h('ul', { class: 'conversation-list' });
        this.empty = h('div', { class: 'list-empty', hidden: true },
            h('p', { class: 'list-empty-title' }, 'No conversations yet'),
            h('p', {}, 'Start one with someone by their username.'));
        this.loading = h('p', { class: 'list-loading', role: 'status' }, 'Loading conversations…');
        this.status = h('span', { class: 'live-status', dataset: { state: 'connecting' }, role: 'status' }, 'Connecting…');

        const me = store.me;
        this.element = h('aside', { class: 'sidebar', 'aria-label': 'Conversations' },
            h('header', { class: 'sidebar-header' },
                h('span', { class: `avatar small ${hue(me.username)}`, 'aria-hidden': 'true' }, initials(me.username)),
                h('div', { class: 'me' },
                    h('span', { class: 'me-name' }, me.username),
                    this.status),
                h('button', { type: 'button', class: 'button ghost', onclick: actions.onLogout }, 'Log out')),
            h('div', { class: 'sidebar-actions' },
                h('button', { type: 'button', class: 'button primary wide', onclick: actions.onNew },
                    h('span', { 'aria-hidden': 'true', class: 'plus' }, '+'), 'New conversation')),
            h('nav', { class: 'conversation-nav', 'aria-label': 'Conversation list' }, this.loading, this.list, this.empty));

        store.addEventListener('conversations', () => this.render());
    }

    setLoaded() {
        this.loaded = true;
        this.loading.remove();
        this.render();
    }

    setOpen(id) {
        this.openId = id;
        this.render();
    }

    setLiveState(state) {
        this.status.dataset.state = state;
        this.status.textContent = { live: 'Live', connecting: 'Connecting…', offline: 'Offline, reconnecting…' }[state];
    }

    render() {
        const conversations = this.store.sortedConversations();
        this.empty.hidden = conversations.length > 0 || this.loading.isConnected;
        replaceChildren(this.list, conversations.map(conversation => this.item(conversation)));
    }

    item(conversation) {
        const name = conversationName(conversation, this.store.me);
        const unread = conversation.unread_count || 0;
        const open = conversation.conversation_id === this.openId;
        const at = conversation.last_message_at || conversation.created_at;
        const preview = conversation.preview;
        return h('li', {},
            h('a', {
                class: `conversation-item${unread ? ' unread' : ''}`,
                href: `#/c/${conversation.conversation_id}`,
                'aria-current': open ? 'page' : null,
                dataset: { conversationId: conversation.conversation_id },
            },
            h('span', { class: `avatar ${hue(name)}`, 'aria-hidden': 'true' }, initials(name)),
            h('span', { class: 'item-main' },
                h('span', { class: 'item-top' },
                    h('span', { class: 'item-name' }, name),
                    at ? h('time', { class: 'item-time', datetime: at }, formatRecent(at)) : null),
                h('span', { class: 'item-bottom' },
                    h('span', { class: 'item-preview' },
                        preview ? `${preview.mine ? 'You: ' : ''}${preview.body}` : (conversation.last_message_at ? '' : 'No messages yet')),
                    unread ? h('span', { class: 'badge', 'aria-hidden': 'true' }, unread > 99 ? '99+' : String(unread)) : null,
                    unread ? h('span', { class: 'visually-hidden' }, `, ${unread} unread`) : null))));
    }
}
