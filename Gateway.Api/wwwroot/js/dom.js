// Small DOM helpers. Text always goes in through textContent, never as HTML, so what users type stays text.

/**
 * Creates an element: h('button', {class: 'primary', onclick: fn}, 'Send').
 * Attributes starting with "on" become listeners; null, undefined and false attributes are left out.
 */
export function h(tag, attributes = {}, ...children) {
    const element = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) {
        if (value === null || value === undefined || value === false) {
            continue;
        }
        if (name.startsWith('on') && typeof value === 'function') {
            element.addEventListener(name.slice(2), value);
        } else if (name === 'dataset') {
            Object.assign(element.dataset, value);
        } else if (value === true) {
            element.setAttribute(name, '');
        } else {
            element.setAttribute(name, String(value));
        }
    }
    append(element, children);
    return element;
}

function append(element, children) {
    for (const child of children.flat()) {
        if (child === null || child === undefined || child === false) {
            continue;
        }
        element.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
}

/** Replaces every child of element. */
export function replaceChildren(element, ...children) {
    element.replaceChildren();
    append(element, children);
}

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const dayFormat = new Intl.DateTimeFormat(undefined, { weekday: 'long', day: 'numeric', month: 'long' });
const dateFormat = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric' });
const fullFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'medium' });
const shortDayFormat = new Intl.DateTimeFormat(undefined, { weekday: 'short' });

function startOfDay(date) {
    return new Date(date.getFullYear(), date.getMonth(), date.getDate()).getTime();
}

const DAY = 24 * 60 * 60 * 1000;

/** "14:05" for a message. */
export function formatTime(iso) {
    return timeFormat.format(new Date(iso));
}

/** The full date and time, for a title attribute. */
export function formatFull(iso) {
    return fullFormat.format(new Date(iso));
}

/** "Today", "Yesterday", "Monday 3 November" or "3 Nov 2025": the separator above a day's messages. */
export function formatDay(iso) {
    const date = new Date(iso);
    const days = Math.round((startOfDay(new Date()) - startOfDay(date)) / DAY);
    if (days === 0) {
        return 'Today';
    }
    if (days === 1) {
        return 'Yesterday';
    }
    return days < 180 ? dayFormat.format(date) : dateFormat.format(date);
}

/** "14:05" today, "Mon" this week, "3 Nov 2025" before: the time beside a conversation in the list. */
export function formatRecent(iso) {
    const date = new Date(iso);
    const days = Math.round((startOfDay(new Date()) - startOfDay(date)) / DAY);
    if (days === 0) {
        return timeFormat.format(date);
    }
    return days < 7 ? shortDayFormat.format(date) : dateFormat.format(date);
}

/** Whether two timestamps fall on the same local day. */
export function sameDay(a, b) {
    return startOfDay(new Date(a)) === startOfDay(new Date(b));
}

/** A random UUID, also where crypto.randomUUID is missing (pages served over plain HTTP to another host). */
export function newId() {
    if (crypto.randomUUID) {
        return crypto.randomUUID();
    }
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    const hex = Array.from(bytes, b => b.toString(16).padStart(2, '0')).join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Initials for an avatar: "alice" gives "A", "Ann Lee" gives "AL". */
export function initials(name) {
    const words = String(name || '?').split(/[\s._-]+/).filter(Boolean);
    const letters = words.length > 1 ? words[0][0] + words[1][0] : (words[0] || '?')[0];
    return letters.toUpperCase();
}

/** One of eight avatar colours, the same for the same name. */
export function hue(name) {
    let hash = 0;
    for (const character of String(name)) {
        hash = (hash * 31 + character.codePointAt(0)) >>> 0;
    }
    return `hue-${hash % 8}`;
}
