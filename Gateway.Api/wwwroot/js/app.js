// The web client: resumes the session (or shows the log-in form), then the conversation list, the open
// conversation and the live event stream that keeps both up to date.

import { api } from './api.js';
import { h, replaceChildren } from './dom.js';
import { LiveEvents } from './events.js';
import { describe } from './http.js';
import { currentUser, logout, onSessionEnded, restore } from './session.js';
import { Store, conversationName } from './store.js';
import { showAuth } from './views/auth.js';
import { ConversationView } from './views/conversation.js';
import { NewConversationDialog } from './views/new-conversation.js';
import { Sidebar } from './views/sidebar.js';

const root = document.getElementById('app');
const toasts = document.getElementById('toasts');
const announcer = document.getElementById('announcer');

let store = null;
let events = null;
let sidebar = null;
let conversationView = null;
const refetchTimers = new Map();

/** A short message at the bottom of the screen that goes away by itself. */
function toast(text) {
    const item = h('div', { class: 'toast' }, text);
    toasts.append(item);
    setTimeout(() => item.remove(), 6000);
}

/** Read out by screen readers, not shown. */
function announce(text) {
    announcer.textContent = '';
    setTimeout(() => {
        announcer.textContent = text;
    }, 50);
}

function openIdFromHash() {
    const match = /^#\/c\/([0-9a-fA-F-]{36})$/.exec(location.hash);
    return match ? match[1].toLowerCase() : null;
}

function route() {
    if (!conversationView) {
        return;
    }
    const id = openIdFromHash();
    if (id && store.conversations.has(id)) {
        document.body.classList.add('conversation-open');
        sidebar.setOpen(id);
        conversationView.open(id);
    } else {
        document.body.classList.remove('conversation-open');
        sidebar.setOpen(null);
        if (id && sidebar.loaded) {
            conversationView.showEmpty('That conversation is not available');
            history.replaceState(null, '', location.pathname);
        } else if (!id) {
            conversationView.close();
        }
    }
}

async function start() {
    root.setAttribute('aria-busy', 'true');
    let resumed = false;
    try {
        resumed = await restore();
    } catch (error) {
        showAuth(root, startMain, describe(error));
        root.removeAttribute('aria-busy');
        return;
    }
    root.removeAttribute('aria-busy');
    if (resumed) {
        startMain();
    } else {
        showAuth(root, startMain);
    }
}

function startMain() {
    store = new Store(currentUser());
    const dialog = new NewConversationDialog(store, id => {
        location.hash = `#/c/${id}`;
    });
    sidebar = new Sidebar(store, { onNew: () => dialog.show(), onLogout: endSession });
    store.addEventListener('conversations', () => showUnreadInTitle(store));
    conversationView = new ConversationView(store, {
        toast,
        onBack: () => {
            location.hash = '';
        },
    });
    replaceChildren(root, h('div', { class: 'shell' }, sidebar.element, conversationView.element, dialog.element));

    events = new LiveEvents(onEvent, state => sidebar.setLiveState(state), resync);
    events.start();
    loadConversations().then(route);
}

/** "(3) Messaging" while three messages are unread, so a background tab shows it. */
function showUnreadInTitle(target) {
    const unread = [...target.conversations.values()].reduce((sum, c) => sum + (c.unread_count || 0), 0);
    document.title = unread ? `(${unread}) Messaging` : 'Messaging';
}

async function loadConversations() {
    const [target, list] = [store, sidebar];
    try {
        target.setConversations(await api.conversations());
        list.setLoaded();
        loadPreviews(target);
    } catch (error) {
        toast(`Could not load your conversations. ${describe(error)}`);
    }
}

/** The latest message of each conversation with messages, a few requests at a time, for the list's previews. */
async function loadPreviews(target) {
    const queue = target.sortedConversations().filter(c => c.last_message_at && !c.preview).slice(0, 50);
    const worker = async () => {
        for (let conversation = queue.shift(); conversation; conversation = queue.shift()) {
            try {
                const page = await api.messages(conversation.conversation_id, { pageSize: 1 });
                if (page.results[0]) {
                    target.setPreview(conversation.conversation_id, page.results[0]);
                }
            } catch {
                // A preview is a nicety; the conversation itself still opens.
            }
        }
    };
    await Promise.all([worker(), worker(), worker()]);
}

/** Reads one conversation again (its unread count is the server's), at most once per 150 ms per conversation. */
function refetchConversation(id) {
    const target = store;
    clearTimeout(refetchTimers.get(id));
    refetchTimers.set(id, setTimeout(async () => {
        refetchTimers.delete(id);
        try {
            target.putConversation(await api.conversation(id));
        } catch {
            // Gone or not reachable: its own event says so, or the next resync.
        }
    }, 150));
}

function isOpenAndVisible(id) {
    return conversationView?.id === id && document.visibilityState === 'visible';
}

function onEvent(type, data) {
    switch (type) {
        case 'message.created':
            onMessageCreated(data);
            break;
        case 'message.updated':
            if (store.threads.get(data.conversation_id)?.messages.some(m => m.message_id === data.message_id)) {
                store.putMessages(data.conversation_id, [data]);
            }
            break;
        case 'message.deleted':
            store.removeMessage(data.conversation_id, data.message_id);
            refetchConversation(data.conversation_id);
            break;
        case 'conversation.created':
        case 'conversation.updated':
            store.putConversation(data);
            if (type === 'conversation.created' && openIdFromHash() === data.conversation_id) {
                route();
            }
            break;
        case 'conversation.deleted':
            onConversationGone(data.conversation_id);
            break;
        case 'read.updated':
            store.setRead(data.conversation_id, data.last_read_seq, data.unread_count);
            break;
        case 'resync':
            resync();
            break;
        default:
            break;
    }
}

function onMessageCreated(message) {
    const id = message.conversation_id;
    const conversation = store.conversations.get(id);
    if (!conversation) {
        refetchConversation(id);
        return;
    }
    const thread = store.threads.get(id);
    if (thread?.loaded) {
        store.putMessages(id, [message]);
    }
    store.setPreview(id, message);
    if (!conversation.last_message_at || conversation.last_message_at < message.sent_at) {
        store.putConversation({ conversation_id: id, last_message_at: message.sent_at });
    }
    if (store.isMine(message)) {
        store.setRead(id, message.seq, 0);
        return;
    }
    const name = conversationName(conversation, store.me);
    if (isOpenAndVisible(id)) {
        announce(`${message.sender.username}: ${message.message_body}`);
        conversationView.scheduleRead();
    } else {
        announce(`New message from ${message.sender.username} in ${name}`);
        if (message.seq > (conversation.last_read_seq || 0)) {
            store.setRead(id, conversation.last_read_seq || 0, (conversation.unread_count || 0) + 1);
        }
        refetchConversation(id);
    }
}

function onConversationGone(id) {
    const wasOpen = conversationView?.id === id;
    store.removeConversation(id);
    if (wasOpen) {
        history.replaceState(null, '', location.pathname);
        document.body.classList.remove('conversation-open');
        conversationView.showEmpty('This conversation was deleted or you left it');
    }
}

/**
 * Events were lost (the cursor was too old), or a stream opened without a cursor: read the lists again, and
 * catch up the open conversation.
 */
async function resync() {
    if (!store) {
        return;
    }
    await loadConversations();
    const id = conversationView?.id;
    if (id && store.conversations.has(id)) {
        await conversationView.catchUp(id);
        conversationView.scheduleRead();
    } else {
        route();
    }
}

async function endSession() {
    events?.stop();
    await logout();
    resetUi();
    showAuth(root, startMain);
}

function resetUi() {
    events?.stop();
    events = null;
    sidebar = null;
    conversationView = null;
    document.body.classList.remove('conversation-open');
    store = null;
    document.title = 'Messaging';
    if (location.hash) {
        history.replaceState(null, '', location.pathname);
    }
}

onSessionEnded(reason => {
    resetUi();
    showAuth(root, startMain, reason);
});

window.addEventListener('hashchange', route);
window.addEventListener('online', () => events?.nudge());
window.addEventListener('offline', () => events?.suspend());
document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') {
        events?.nudge();
        conversationView?.scheduleRead();
    }
});
window.addEventListener('focus', () => conversationView?.scheduleRead());

start();
