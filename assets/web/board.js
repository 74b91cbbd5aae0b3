/*
 * The waiting-room board (/board) for a smart TV without a PC: the latest
 * call large, every counter with the number it serves, the recent calls
 * and the notice, live from the event stream. Each call plays the chime
 * and the voice from the same clips as motcua-display, in the order the
 * server's voice module gives (GET /api/v1/voice): the page never reads
 * numbers itself. The display token is typed once and kept in
 * localStorage; it travels only in the Authorization header.
 */
'use strict';
(function () {
	var el = M.el, clear = M.clear;
	var KEY = 'motcua_display_token';
	var token = M.storedToken(KEY);
	var queue = [], playing = false, soundBlocked = false;

	function $(id) { return document.getElementById(id); }

	function draw(s) {
		$('commune').textContent = s.commune_name || '';
		$('desk').textContent = s.desk_name || '';
		$('notice').textContent = s.notice || '';
		var body = $('counters');
		clear(body);
		s.counters.forEach(function (c) {
			if (c.state === 'closed') {
				return;
			}
			var tr = el('tr', c.state);
			tr.appendChild(el('td', '', 'Quầy ' + c.number));
			tr.appendChild(el('td', 'svc', c.service_names || c.name));
			tr.appendChild(el('td', 'num', c.state === 'paused' ? 'Tạm dừng'
				: c.ticket ? c.ticket.number : '—'));
			body.appendChild(tr);
		});
		var recent = $('recent');
		clear(recent);
		s.calls.slice(0, 6).forEach(function (call) {
			recent.appendChild(el('li', '', call.number + ' → Quầy ' + call.counter));
		});
		if (s.calls.length) {
			$('latest-number').textContent = s.calls[0].number;
			$('latest-counter').textContent = 'Quầy ' + s.calls[0].counter;
		}
	}

	function refresh() {
		M.api('GET', '/api/v1/snapshot', undefined, token).then(function (r) {
			if (r.status === 401) {
				setup('Mã truy cập không đúng hoặc đã bị thu hồi.');
			} else if (r.status === 200) {
				draw(r.body);
			}
		});
	}
	var refreshSoon = M.debounce(refresh, 80);

	/* Plays the clips one after the other; then the next call waiting. */
	function playNext() {
		if (playing || !queue.length) {
			return;
		}
		var clips = queue.shift();
		playing = true;
		var i = 0;
		function step() {
			if (i >= clips.length) {
				playing = false;
				playNext();
				return;
			}
			var audio = new Audio('/voice/' + encodeURIComponent(clips[i++]) + '.wav');
			audio.onended = step;
			audio.onerror = step;
			var p = audio.play();
			if (p && p.catch) {
				p.catch(function () {
					/* The browser wants a touch before it plays sound. */
					soundBlocked = true;
					$('sound').hidden = false;
					queue = [];
					playing = false;
				});
			}
		}
		step();
	}

	function announce(number, counter) {
		var latest = document.querySelector('.latest');
		latest.classList.remove('flash');
		void latest.offsetWidth;
		latest.classList.add('flash');
		M.api('GET', '/api/v1/voice?number=' + encodeURIComponent(number) + '&counter=' + counter,
			undefined, token).then(function (r) {
			if (r.status !== 200) {
				return;
			}
			$('sentence').textContent = r.body.sentence || '';
			if (r.body.clips.length && !soundBlocked) {
				queue.push(r.body.clips);
				playNext();
			}
		});
	}

	function onEvent(kind, ev) {
		if (kind === 'call' || kind === 'recall') {
			$('latest-number').textContent = ev.number;
			$('latest-counter').textContent = 'Quầy ' + ev.counter;
			announce(ev.number, ev.counter);
		}
		refreshSoon();
	}

	function setup(text) {
		M.storeToken(KEY, '');
		token = '';
		$('board').hidden = true;
		$('setup').hidden = false;
		$('setup-msg').textContent = text || '';
	}

	function begin() {
		M.api('GET', '/api/v1/me', undefined, token).then(function (r) {
			if (r.status === 0) {
				setTimeout(begin, 2000);
				return;
			}
			if (r.status !== 200) {
				setup('Mã truy cập không đúng hoặc đã bị thu hồi.');
				return;
			}
			$('setup').hidden = true;
			$('board').hidden = false;
			M.stream(token, refreshSoon, onEvent, function (on) {
				$('link').className = on ? 'link on' : 'link';
			});
		});
	}

	$('clock').textContent = M.clock();
	setInterval(function () { $('clock').textContent = M.clock(); }, 10000);
	$('sound').addEventListener('click', function () {
		soundBlocked = false;
		$('sound').hidden = true;
		new Audio('/voice/chime.wav').play().catch(function () {});
	});
	M.setupForm(KEY, function (t) {
		token = t;
		begin();
	});
	if (token) {
		begin();
	} else {
		setup('');
	}
})();
