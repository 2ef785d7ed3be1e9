// Log in and create an account.

import { h, replaceChildren } from '../dom.js';
import { ApiError, describe } from '../http.js';
import { login, register } from '../session.js';

const FIELDS = {
    login: [
        { name: 'username', label: 'Username or email', type: 'text', autocomplete: 'username' },
        { name: 'password', label: 'Password', type: 'password', autocomplete: 'current-password' },
    ],
    register: [
        { name: 'username', label: 'Username', type: 'text', autocomplete: 'username', hint: 'Letters, digits and @ . + - _' },
        { name: 'email', label: 'Email', type: 'email', autocomplete: 'email' },
        { name: 'password', label: 'Password', type: 'password', autocomplete: 'new-password', hint: 'At least 8 characters, not only digits' },
    ],
};

/**
 * Shows the log-in form (or the sign-up form) in root; calls onLoggedIn(user) once the session has started.
 * A notice (such as "your session has ended") is shown above the form.
 */
export function showAuth(root, onLoggedIn, notice = null) {
    let mode = 'login';

    const render = () => {
        const registering = mode === 'register';
        const inputs = {};
        const errors = {};
        const formError = h('p', { class: 'form-error', role: 'alert' });
        const submit = h('button', { type: 'submit', class: 'button primary wide' }, registering ? 'Create account' : 'Log in');

        const fields = FIELDS[mode].map(field => {
            const id = `auth-${field.name}`;
            const hintId = field.hint ? `${id}-hint` : null;
            const errorId = `${id}-error`;
            inputs[field.name] = h('input', {
                id, name: field.name, type: field.type, autocomplete: field.autocomplete, required: true,
                'aria-describedby': [hintId, errorId].filter(Boolean).join(' '),
                autocapitalize: 'none', spellcheck: 'false',
            });
            errors[field.name] = h('p', { id: errorId, class: 'field-error' });
            return h('div', { class: 'field' },
                h('label', { for: id }, field.label),
                inputs[field.name],
                field.hint ? h('p', { id: hintId, class: 'field-hint' }, field.hint) : null,
                errors[field.name]);
        });

        const showErrors = error => {
            const fieldErrors = error instanceof ApiError ? error.errors : {};
            let named = false;
            for (const [name, input] of Object.entries(inputs)) {
                const messages = fieldErrors[name];
                errors[name].textContent = messages ? messages.join(' ') : '';
                input.toggleAttribute('aria-invalid', Boolean(messages));
                named ||= Boolean(messages);
            }
            formError.textContent = named ? '' : conflictOrGeneral(error, registering);
        };

        const onSubmit = async event => {
            event.preventDefault();
            const values = Object.fromEntries(Object.entries(inputs).map(([name, input]) => [name, input.value.trim()]));
            values.password = inputs.password.value;
            const missing = Object.entries(values).filter(([, value]) => !value).map(([name]) => name);
            if (missing.length) {
                showErrors(new ApiError(400, '', Object.fromEntries(missing.map(name => [name, ['Required.']]))));
                inputs[missing[0]].focus();
                return;
            }
            submit.disabled = true;
            submit.textContent = registering ? 'Creating account…' : 'Logging in…';
            try {
                const user = registering ? await register(values) : await login(values.username, values.password);
                onLoggedIn(user);
            } catch (error) {
                showErrors(error);
                submit.disabled = false;
                submit.textContent = registering ? 'Create account' : 'Log in';
            }
        };

        const toggle = h('button', {
            type: 'button', class: 'link',
            onclick: () => {
                mode = registering ? 'login' : 'register';
                notice = null;
                render();
            },
        }, registering ? 'Log in' : 'Create an account');

        replaceChildren(root, h('main', { class: 'auth' },
            h('section', { class: 'auth-card', 'aria-labelledby': 'auth-title' },
                h('div', { class: 'brand' }, h('span', { class: 'brand-mark', 'aria-hidden': 'true' }), 'Messaging'),
                h('h1', { id: 'auth-title' }, registering ? 'Create your account' : 'Welcome back'),
                h('p', { class: 'auth-subtitle' }, registering ? 'It takes less than a minute.' : 'Log in to see your conversations.'),
                notice ? h('p', { class: 'notice', role: 'status' }, notice) : null,
                h('form', { class: 'auth-form', novalidate: true, onsubmit: onSubmit }, fields, formError, submit),
                h('p', { class: 'auth-switch' }, registering ? 'Already have an account? ' : 'New here? ', toggle))));
        inputs.username.focus();
    };

    render();
}

function conflictOrGeneral(error, registering) {
    if (registering && error instanceof ApiError && error.status === 409) {
        return 'That username or email is already taken.';
    }
    if (!registering && error instanceof ApiError && error.status === 401) {
        return 'Wrong username or password.';
    }
    return describe(error);
}
