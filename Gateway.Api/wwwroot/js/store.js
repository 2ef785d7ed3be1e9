// What the client knows: the conversations (with the caller's read marker and unread count) and, per opened
// conversation, the messages loaded so far plus the ones being sent. Views subscribe and redraw.

export class Store extends EventTarget {
    /** @param {{user_id: string, username: string}} me the logged-in user */
    constructor(me) {
        super();
        this.me = me;
        this.conversations = new Map();
        this.threads = new Map();
    }

    changed(kind, id = null) {
        this.dispatchEvent(new CustomEvent(kind, { detail: id }));
    }

    /** Conversations, most recent activity first. */
    sortedConversations() {
        return [...this.conversations.values()].sort((a, b) => activity(b).localeCompare(activity(a)));
    }

    setConversations(list) {
        const previews = new Map([...this.conversations].map(([id, c]) => [id, c.preview]));
        this.conversations.clear();
        for (const conversation of list) {
            this.conversations.set(conversation.conversation_id, { ...conversation, preview: previews.get(conversation.conversation_id) });
        }
        for (const id of this.threads.keys()) {
            if (!this.conversations.has(id)) {
                this.threads.delete(id);
            }
        }
        this.changed('conversations');
    }

    /** Adds or updates a conversation, keeping what the update does not carry (preview, read marker). */
    putConversation(conversation) {
        const known = this.conversations.get(conversation.conversation_id) || {};
        this.conversations.set(conversation.conversation_id, { ...known, ...conversation });
        this.changed('conversations');
    }

    removeConversation(id) {
        this.conversations.delete(id);
        this.threads.delete(id);
        this.changed('conversations');
        this.changed('removed', id);
    }

    setRead(id, lastReadSeq, unreadCount) {
        const conversation = this.conversations.get(id);
        if (conversation) {
            conversation.last_read_seq = Math.max(conversation.last_read_seq || 0, lastReadSeq);
            conversation.unread_count = unreadCount;
            this.changed('conversations');
        }
    }

    setPreview(id, message) {
        const conversation = this.conversations.get(id);
        if (conversation && (!conversation.preview || conversation.preview.seq <= message.seq)) {
            conversation.preview = { seq: message.seq, body: message.message_body, sender: message.sender.username, mine: this.isMine(message) };
            this.changed('conversations');
        }
    }

    isMine(message) {
        return this.me !== null && message.sender.user_id === this.me.user_id;
    }

    thread(id) {
        let thread = this.threads.get(id);
        if (!thread) {
            thread = { messages: [], pending: [], hasOlder: true, loaded: false, loadingOlder: false };
            this.threads.set(id, thread);
        }
        return thread;
    }

    /** Merges messages (any order) into the thread: seq order, each message once, replacing older copies. */
    putMessages(id, messages) {
        const thread = this.thread(id);
        const byId = new Map(thread.messages.map(m => [m.message_id, m]));
        for (const message of messages) {
            byId.set(message.message_id, message);
            if (this.isMine(message) && message.client_message_id) {
                thread.pending = thread.pending.filter(p => p.client_message_id !== message.client_message_id);
            }
        }
        thread.messages = [...byId.values()].sort((a, b) => a.seq - b.seq);
        this.changed('thread', id);
    }

    removeMessage(id, messageId) {
        const thread = this.threads.get(id);
        if (thread) {
            thread.messages = thread.messages.filter(m => m.message_id !== messageId);
            this.changed('thread', id);
        }
    }

    addPending(id, pending) {
        this.thread(id).pending.push(pending);
        this.changed('thread', id);
    }

    updatePending(id, clientMessageId, state) {
        const pending = this.thread(id).pending.find(p => p.client_message_id === clientMessageId);
        if (pending) {
            pending.state = state;
            this.changed('thread', id);
        }
    }

    /** The newest seq loaded in the thread, or 0. */
    newestSeq(id) {
        const messages = this.threads.get(id)?.messages || [];
        return messages.length ? messages[messages.length - 1].seq : 0;
    }
}

function activity(conversation) {
    return conversation.last_message_at || conversation.created_at || '';
}

/** The name a conversation goes by for the caller: its title, else the other participants' names. */
export function conversationName(conversation, me) {
    if (conversation.title) {
        return conversation.title;
    }
    const others = (conversation.participants || []).filter(p => !me || p.user_id !== me.user_id).map(p => p.username);
    return others.length ? others.join(', ') : 'Just you';
}
