/*
 * The citizen's rating tablet (/rate/N), facing the citizen at counter N.
 * Its device token (role rating, counter N) is typed once by the
 * technician and kept in this tablet's localStorage; it travels only in
 * the Authorization header. Idle, it shows the counter and the number
 * being served. When the officer finishes or transfers a citizen (a
 * "finish" or "transfer" event of this counter), it asks "Quý công dân có
 * hài lòng?" with four faces for 30 s; "Không hài lòng" then asks why.
 * The rating is sent as the citizen's (source citizen). A server restart
 * only pauses it: the stream reconnects and the snapshot is read again.
 */
'use strict';
(function () {
	var el = M.el, clear = M.clear;
	var KEY = 'motcua_rating_token';
	var ASK_S = 30, THANKS_MS = 4000;
	var counter = Number((/\/rate\/(\d+)/.exec(location.pathname) || [])[1] || 0);
	var token = M.storedToken(KEY);
	var pending = null;       /* {ticket, number} to rate */
	var timer = null, left = 0;
	var FACES = [
		{ rating: 1, label: 'Rất hài lòng', img: 'very' },
		{ rating: 2, label: 'Hài lòng', img: 'good' },
		{ rating: 3, label: 'Bình thường', img: 'neutral' },
		{ rating: 4, label: 'Không hài lòng', img: 'bad' }
	];
	var REASONS = ['Phải chờ lâu', 'Hướng dẫn chưa rõ ràng', 'Thái độ phục vụ chưa tốt',
		'Giải quyết hồ sơ chậm', 'Phải đi lại nhiều lần', 'Lý do khác'];

	function $(id) { return document.getElementById(id); }

	function show(id) {
		['setup', 'idle', 'ask', 'reasons', 'thanks'].forEach(function (s) { $(s).hidden = s !== id; });
	}

	function stopTimer() {
		if (timer) {
			clearInterval(timer);
			timer = null;
		}
	}

	function idle() {
		stopTimer();
		pending = null;
		show('idle');
	}

	function refresh() {
		M.api('GET', '/api/v1/snapshot', undefined, token).then(function (r) {
			if (r.status === 401) {
				setup('Mã truy cập không đúng hoặc đã bị thu hồi.');
				return;
			}
			if (r.status !== 200) {
				return;
			}
			var c = r.body.counters.filter(function (x) { return x.number === counter; })[0];
			$('commune').textContent = r.body.commune_name || '';
			$('counter-name').textContent = 'Quầy số ' + counter + (c && c.name ? ' – ' + c.name : '');
			$('serving').textContent = c && c.ticket ? c.ticket.number : '—';
		});
	}
	var refreshSoon = M.debounce(refresh, 80);

	/* Counts the prompt down; at 0 it gives up without a rating. */
	function countdown(screen) {
		stopTimer();
		left = ASK_S;
		$('bar').style.width = '100%';
		timer = setInterval(function () {
			left--;
			$('bar').style.width = Math.max(0, left * 100 / ASK_S) + '%';
			if (left <= 0) {
				idle();
			}
		}, 1000);
		show(screen);
	}

	function ask(ticket, number) {
		pending = { ticket: ticket, number: number };
		$('ask-number').textContent = 'Số thứ tự ' + number;
		countdown('ask');
	}

	function send(rating, reason) {
		var p = pending;
		stopTimer();
		if (!p) {
			idle();
			return;
		}
		var body = { ticket: p.ticket, rating: rating };
		if (reason) {
			body.reason = reason;
		}
		M.api('POST', '/api/v1/ratings', body, token).then(function () {
			show('thanks');
			pending = null;
			setTimeout(function () { if (!pending) { idle(); } }, THANKS_MS);
		});
	}

	function onEvent(kind, ev) {
		if (ev.counter !== counter) {
			return;
		}
		if ((kind === 'finish' || kind === 'transfer') && ev.ticket) {
			ask(ev.ticket, ev.number);
		}
		refreshSoon();
	}

	function build() {
		var faces = $('faces');
		clear(faces);
		FACES.forEach(function (f) {
			var b = el('button', 'face');
			b.type = 'button';
			b.id = 'face-' + f.rating;
			var img = el('img');
			img.src = '/assets/faces/' + f.img + '.svg';
			img.alt = '';
			b.appendChild(img);
			b.appendChild(el('span', '', f.label));
			b.addEventListener('click', function () {
				if (f.rating === 4) {
					countdown('reasons');
				} else {
					send(f.rating);
				}
			});
			faces.appendChild(b);
		});
		var list = $('reason-list');
		clear(list);
		REASONS.forEach(function (reason) {
			var b = el('button', '', reason);
			b.type = 'button';
			b.addEventListener('click', function () { send(4, reason); });
			list.appendChild(b);
		});
		$('no-reason').addEventListener('click', function () { send(4); });
	}

	function setup(text) {
		token = '';
		M.storeToken(KEY, '');
		$('setup-msg').textContent = text || '';
		show('setup');
	}

	function begin() {
		M.api('GET', '/api/v1/me', undefined, token).then(function (r) {
			if (r.status === 0) {
				setTimeout(begin, 2000);
				return;
			}
			if (r.status !== 200 || r.body.role !== 'rating' || r.body.counter !== counter) {
				setup(r.status === 200 ? 'Mã này không phải mã đánh giá của quầy số ' + counter + '.'
					: 'Mã truy cập không đúng hoặc đã bị thu hồi.');
				return;
			}
			idle();
			M.stream(token, refreshSoon, onEvent, function (on) {
				$('link').className = on ? 'link on' : 'link';
			});
		});
	}

	build();
	M.setupForm(KEY, function (t) {
		token = t;
		begin();
	});
	if (!counter) {
		setup('Địa chỉ phải có số quầy, ví dụ /rate/1.');
	} else if (token) {
		begin();
	} else {
		setup('');
	}
})();
