/*
 * Shared by the staff pages (/counter, /rate/N, /board): building elements
 * with text only (never HTML from data), the API over fetch, and the event
 * stream read over fetch so that a device token can go in the
 * Authorization header (EventSource cannot send headers) and a lost
 * server is retried until it is back. Plain ES2017, no modules.
 */
'use strict';
var M = (function () {
	/* An element with a class and a text; data is always set as text. */
	function el(tag, cls, text) {
		var e = document.createElement(tag);
		if (cls) {
			e.className = cls;
		}
		if (text !== undefined && text !== null) {
			e.textContent = String(text);
		}
		return e;
	}

	function clear(node) {
		while (node.firstChild) {
			node.removeChild(node.firstChild);
		}
	}

	/*
	 * One API request: JSON in and out, our X-Motcua mark (the server
	 * refuses cookie writes without it), the device token when there is
	 * one. Resolves {status, body}; a network failure is status 0.
	 */
	function api(method, path, body, token) {
		var headers = { 'X-Motcua': '1' };
		if (body !== undefined) {
			headers['Content-Type'] = 'application/json';
		}
		if (token) {
			headers.Authorization = 'Bearer ' + token;
		}
		return fetch(path, {
			method: method,
			headers: headers,
			body: body === undefined ? undefined : JSON.stringify(body),
			credentials: 'same-origin',
			cache: 'no-store'
		}).then(function (resp) {
			return resp.json().catch(function () { return {}; }).then(function (json) {
				return { status: resp.status, body: json };
			});
		}, function () {
			return { status: 0, body: { message: 'Mất kết nối với máy chủ' } };
		});
	}

	/*
	 * Follows /api/v1/events. onOpen() runs at every (re)connection, so the
	 * page reads the snapshot again and misses nothing while it was away;
	 * onEvent(kind, data) for each event; onState(connected) for the
	 * connection light. Retries every 2 s while the server is away.
	 */
	function stream(token, onOpen, onEvent, onState) {
		var stopped = false;
		function retry() {
			onState(false);
			if (!stopped) {
				setTimeout(connect, 2000);
			}
		}
		function parse(frame) {
			var kind = 'message', data = '';
			frame.split('\n').forEach(function (line) {
				if (line.indexOf('event:') === 0) {
					kind = line.slice(6).trim();
				} else if (line.indexOf('data:') === 0) {
					data += line.slice(5).trim();
				}
			});
			if (data) {
				try {
					onEvent(kind, JSON.parse(data));
				} catch (e) {
					/* a frame we cannot read is skipped */
				}
			}
		}
		function connect() {
			var headers = { Accept: 'text/event-stream' };
			if (token) {
				headers.Authorization = 'Bearer ' + token;
			}
			fetch('/api/v1/events', { headers: headers, credentials: 'same-origin',
				cache: 'no-store' }).then(function (resp) {
				if (!resp.ok || !resp.body) {
					retry();
					return;
				}
				onState(true);
				onOpen();
				var reader = resp.body.getReader(), decoder = new TextDecoder(), buf = '';
				function pump() {
					return reader.read().then(function (r) {
						if (r.done) {
							retry();
							return;
						}
						buf += decoder.decode(r.value, { stream: true }).replace(/\r/g, '');
						var at;
						while ((at = buf.indexOf('\n\n')) >= 0) {
							parse(buf.slice(0, at));
							buf = buf.slice(at + 2);
						}
						return pump();
					});
				}
				return pump();
			}).catch(retry);
		}
		connect();
		return { stop: function () { stopped = true; } };
	}

	/* Runs fn at most once per ms, at the end of a burst of calls. */
	function debounce(fn, ms) {
		var timer = null;
		return function () {
			if (timer) {
				clearTimeout(timer);
			}
			timer = setTimeout(function () { timer = null; fn(); }, ms);
		};
	}

	function clock() {
		var d = new Date();
		function two(n) { return (n < 10 ? '0' : '') + n; }
		return two(d.getHours()) + ':' + two(d.getMinutes());
	}

	/* A device token kept on this device (localStorage), asked once. */
	function storedToken(key) {
		try {
			return localStorage.getItem(key) || '';
		} catch (e) {
			return '';
		}
	}
	function storeToken(key, value) {
		try {
			if (value) {
				localStorage.setItem(key, value);
			} else {
				localStorage.removeItem(key);
			}
		} catch (e) {
			/* private mode: the token lasts for this page only */
		}
	}

	/*
	 * The set-up form of a device page (#setup, #setup-token): the token
	 * typed once is kept under key, then begin() runs.
	 */
	function setupForm(key, begin) {
		var form = document.getElementById('setup'), input = document.getElementById('setup-token');
		form.addEventListener('submit', function (e) {
			e.preventDefault();
			var token = input.value.trim();
			input.value = '';
			storeToken(key, token);
			begin(token);
		});
	}

	return { el: el, clear: clear, api: api, stream: stream, debounce: debounce,
		clock: clock, storedToken: storedToken, storeToken: storeToken,
		setupForm: setupForm };
})();
