/*
 * The web counter (/counter): the officer logs in (counter, name, PIN;
 * the server answers with an HttpOnly session cookie), then works as in
 * motcua-counter with the same keys: F1 or Space call next, F2 recall, F3
 * no-show, F4 finish, F5 put a no-show back in line, F6 transfer, F7 call
 * a number, F8 pause/resume; in a list, arrows move, Enter chooses, Esc
 * cancels. Everything on the screen is re-read from the server after each
 * event of the stream, so two officers at one counter see each other's
 * actions at once. Start reading start().
 */
'use strict';
(function () {
	var el = M.el, clear = M.clear;
	var me = null;            /* {counter, officer} */
	var snap = null;          /* GET /api/v1/snapshot */
	var mine = null;          /* this counter in snap.counters */
	var upcoming = [], noshows = [];
	var dialog = null;        /* {title, items, typed, sel, onPick} */
	var msgTimer = null;

	var BUTTONS = [
		{ id: 'next', label: 'Gọi tiếp', key: 'F1 / Space', cls: 'b-next', run: callNext },
		{ id: 'recall', label: 'Gọi lại', key: 'F2', cls: 'b-recall', run: recall },
		{ id: 'skip', label: 'Vắng mặt', key: 'F3', cls: 'b-skip', run: skip },
		{ id: 'finish', label: 'Xong', key: 'F4', cls: 'b-finish', run: finish },
		{ id: 'requeue', label: 'Gọi lại số vắng', key: 'F5', cls: 'b-requeue', run: openRequeue },
		{ id: 'transfer', label: 'Chuyển', key: 'F6', cls: 'b-transfer', run: openTransfer },
		{ id: 'call', label: 'Gọi số', key: 'F7', cls: 'b-call', run: openCall },
		{ id: 'pause', label: 'Tạm dừng', key: 'F8', cls: 'b-pause', run: pauseOrResume }
	];
	var KEYS = { F1: 'next', ' ': 'next', F2: 'recall', F3: 'skip', F4: 'finish', F5: 'requeue',
		F6: 'transfer', F7: 'call', F8: 'pause' };
	var PAUSE_REASONS = ['Nghỉ giải lao', 'Họp cơ quan', 'Sự cố máy tính, mạng',
		'Đi làm việc ngoài quầy', 'Hết giờ làm việc', 'Lý do khác'];

	function $(id) { return document.getElementById(id); }

	function message(text, ok) {
		var m = $('msg');
		m.textContent = text || '';
		m.className = ok ? 'msg ok' : 'msg';
		if (msgTimer) {
			clearTimeout(msgTimer);
		}
		msgTimer = setTimeout(function () { m.textContent = ''; }, 8000);
	}

	function base() { return '/api/v1/counters/' + me.counter; }

	/* A write; its answer in words, then everything read again. */
	function act(path, body, done) {
		return M.api('POST', path, body).then(function (r) {
			if (r.status === 401) {
				showLogin('Phiên làm việc đã hết, vui lòng đăng nhập lại.');
				return;
			}
			if (r.status >= 200 && r.status < 300) {
				message(done(r.body), true);
			} else {
				message(r.body.message || ('Lỗi ' + r.status), false);
			}
			refresh();
		});
	}

	function callNext() {
		var before = mine && mine.ticket ? mine.ticket.number : '';
		M.api('POST', base() + '/call', {}).then(function (r) {
			if (r.status === 200) {
				message('Đã mời số ' + r.body.number + ' (' + r.body.service_name + ') đến quầy.', true);
			} else if (r.body.error === 'empty') {
				message(before ? 'Đã xong số ' + before + '. Hiện không có ai đang chờ.'
					: 'Hiện không có ai đang chờ.', true);
			} else if (r.status === 401) {
				showLogin('Phiên làm việc đã hết, vui lòng đăng nhập lại.');
				return;
			} else {
				message(r.body.message || ('Lỗi ' + r.status), false);
			}
			refresh();
		});
	}
	function recall() {
		act(base() + '/recall', {}, function (t) {
			return 'Đã gọi lại số ' + t.number + ' (lần ' + (t.recalls || 1) + ').';
		});
	}
	function skip() {
		act(base() + '/skip', {}, function (t) {
			return 'Số ' + t.number + ' vắng mặt. Khi công dân quay lại, bấm «Gọi lại số vắng».';
		});
	}
	function finish() {
		act(base() + '/finish', {}, function (t) { return 'Đã xong số ' + t.number + '.'; });
	}
	function pauseOrResume() {
		if (mine && mine.state !== 'open') {
			act(base() + '/resume', {}, function () { return 'Quầy đã tiếp tục làm việc.'; });
			return;
		}
		openDialog('Tạm dừng quầy: chọn lý do', false, PAUSE_REASONS.map(function (reason, i) {
			return { key: String(i + 1), label: reason, run: function () {
				act(base() + '/pause', { reason: reason }, function () {
					return 'Quầy tạm dừng: ' + reason + '.';
				});
			} };
		}), 'Không có lý do nào.');
	}

	function ticketItem(t, noshow, run) {
		return { key: t.number, label: t.number, note: noshow ? 'vắng mặt' : t.service_name,
			run: function () { run(t); } };
	}
	function openRequeue() {
		openDialog('Chọn số vắng mặt để xếp lại vào hàng', false, noshows.map(function (t) {
			return ticketItem(t, true, function () {
				act('/api/v1/tickets/' + encodeURIComponent(t.number) + '/requeue',
					{ service: t.service }, function (x) {
						return 'Số ' + x.number + ' đã được xếp lại vào hàng, giữ chỗ cũ.';
					});
			});
		}), 'Hôm nay chưa có số nào vắng mặt.');
	}
	function callNumber(number) {
		act(base() + '/call', { number: number }, function (t) {
			return 'Đã mời số ' + t.number + ' (' + t.service_name + ') đến quầy.';
		});
	}
	function openCall() {
		var items = upcoming.map(function (t) { return ticketItem(t, false, function () {
			callNumber(t.number); }); }).concat(noshows.map(function (t) {
			return ticketItem(t, true, function () { callNumber(t.number); }); }));
		openDialog('Gọi số: chọn trong danh sách hoặc gõ số rồi Enter', true, items,
			'Không có số nào đang chờ. Có thể gõ số rồi bấm Enter.', callNumber);
	}
	function openTransfer() {
		if (!mine || !mine.ticket) {
			message('Quầy chưa có công dân nào để chuyển.', false);
			return;
		}
		var t = mine.ticket, items = [];
		snap.services.forEach(function (s) {
			if (s.code !== t.service) {
				items.push({ key: s.code, label: s.name, note: 'Lĩnh vực', run: function () {
					act(base() + '/transfer', { service: s.code }, function (x) {
						return 'Đã chuyển số ' + x.number + ' sang ' + s.name + '.';
					});
				} });
			}
		});
		snap.counters.forEach(function (c) {
			if (c.number !== me.counter && c.state !== 'closed') {
				items.push({ key: String(c.number), label: 'Quầy số ' + c.number,
					note: c.service_names || c.name, run: function () {
						act(base() + '/transfer', { counter: c.number }, function (x) {
							return 'Đã chuyển số ' + x.number + ' sang Quầy số ' + c.number + '.';
						});
					} });
			}
		});
		openDialog('Chuyển số ' + t.number + ' sang lĩnh vực hoặc quầy', false, items,
			'Không có lĩnh vực hay quầy nào khác.');
	}

	/* --- the list dialog (motcua-counter's picker) ------------------------ */

	function openDialog(title, typing, items, empty, onTyped) {
		dialog = { items: items, sel: 0, typing: typing, onTyped: onTyped };
		$('dialog-title').textContent = title;
		var input = $('dialog-input');
		input.value = '';
		input.hidden = !typing;
		input.placeholder = 'Gõ số, ví dụ 1005';
		renderDialog(empty);
		$('dialog').hidden = false;
		(typing ? input : $('dialog-ok')).focus();
	}
	function renderDialog(empty) {
		var box = $('dialog-items');
		clear(box);
		if (!dialog.items.length) {
			box.appendChild(el('p', 'empty', empty));
		}
		dialog.items.forEach(function (it, i) {
			var b = el('button', i === dialog.sel ? 'sel' : '');
			b.type = 'button';
			b.appendChild(el('strong', '', it.label));
			if (it.note) {
				b.appendChild(el('div', 'note', it.note));
			}
			b.addEventListener('click', function () { pick(it); });
			box.appendChild(b);
		});
	}
	function closeDialog() {
		dialog = null;
		$('dialog').hidden = true;
	}
	function pick(it) {
		closeDialog();
		it.run();
	}
	function dialogEnter() {
		var typed = dialog.typing ? $('dialog-input').value.trim() : '';
		if (typed) {
			var cb = dialog.onTyped;
			closeDialog();
			cb(typed);
		} else if (dialog.items.length) {
			pick(dialog.items[dialog.sel]);
		}
	}
	function dialogKey(e) {
		var cols = Math.max(1, Math.round($('dialog-items').clientWidth / 180));
		var moves = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: cols, ArrowUp: -cols };
		if (e.key === 'Escape') {
			closeDialog();
		} else if (e.key === 'Enter') {
			dialogEnter();
		} else if (moves[e.key] && dialog.items.length) {
			dialog.sel = Math.min(dialog.items.length - 1, Math.max(0, dialog.sel + moves[e.key]));
			renderDialog('');
		} else {
			return false;
		}
		return true;
	}

	/* --- keys -------------------------------------------------------------- */

	function onKey(e) {
		if (!me || !$('login').hidden) {
			return;
		}
		if (dialog) {
			if (dialogKey(e)) {
				e.preventDefault();
			}
			if (!/^F\d+$/.test(e.key)) {
				return;
			}
		}
		var id = KEYS[e.key];
		if (!id) {
			return;
		}
		e.preventDefault();     /* F1 help, F5 reload, Space scroll: ours here */
		if (dialog) {
			closeDialog();
		}
		press(id);
	}
	function press(id) {
		var b = BUTTONS.filter(function (x) { return x.id === id; })[0];
		var node = $('btn-' + id);
		if (node && !node.disabled) {
			b.run();
		}
	}

	/* --- reading and drawing ---------------------------------------------- */

	function refresh() {
		return Promise.all([
			M.api('GET', '/api/v1/snapshot'),
			M.api('GET', base() + '/upcoming?max=30'),
			M.api('GET', base() + '/noshows?max=30')
		]).then(function (rs) {
			if (rs[0].status === 401) {
				showLogin('Phiên làm việc đã hết, vui lòng đăng nhập lại.');
				return;
			}
			if (rs[0].status !== 200) {
				return;
			}
			snap = rs[0].body;
			upcoming = rs[1].body.tickets || [];
			noshows = rs[2].body.tickets || [];
			mine = snap.counters.filter(function (c) { return c.number === me.counter; })[0] || null;
			draw();
		});
	}
	var refreshSoon = M.debounce(refresh, 80);

	function fillNumbers(list, tickets, empty) {
		clear(list);
		if (!tickets.length) {
			list.appendChild(el('li', 'empty', empty));
		}
		tickets.forEach(function (t) {
			list.appendChild(el('li', t.priority ? 'prio' : '', t.number));
		});
	}

	function draw() {
		var c = mine || { state: 'open', name: '' };
		$('counter-title').textContent = 'Quầy số ' + me.counter + (c.name ? ' – ' + c.name : '');
		var st = $('counter-state');
		st.textContent = c.state === 'paused' ? 'Tạm dừng: ' + (c.pause_reason || '')
			: c.state === 'closed' ? 'Đã đóng' : 'Đang mở';
		st.className = 'pill ' + c.state;
		$('officer').textContent = 'Cán bộ: ' + me.officer;
		var t = c.ticket;
		$('cur-number').textContent = t ? t.number : '—';
		$('cur-detail').textContent = t ? t.service_name + (t.recalls ? ' · đã gọi lại ' + t.recalls + ' lần' : '')
			: 'Bấm «Gọi tiếp» (F1) để mời công dân tiếp theo.';
		$('waiting').textContent = String(c.waiting || 0) + ' người chờ';
		fillNumbers($('upcoming'), upcoming, 'Không có ai đang chờ.');
		fillNumbers($('noshows'), noshows, 'Chưa có số nào vắng mặt.');
		var has = !!t, open = c.state === 'open';
		var enable = { next: open, recall: has, skip: has, finish: has, requeue: noshows.length > 0,
			transfer: has, call: open, pause: true };
		BUTTONS.forEach(function (b) { $('btn-' + b.id).disabled = !enable[b.id]; });
		$('btn-pause').firstChild.textContent = c.state === 'open' ? 'Tạm dừng' : 'Tiếp tục';
	}

	function buildButtons() {
		var nav = $('buttons');
		clear(nav);
		BUTTONS.forEach(function (b) {
			var node = el('button', b.cls);
			node.type = 'button';
			node.id = 'btn-' + b.id;
			node.appendChild(el('span', '', b.label));
			node.appendChild(el('small', '', b.key));
			node.addEventListener('click', function () { press(b.id); });
			nav.appendChild(node);
		});
	}

	/* --- login ------------------------------------------------------------- */

	function showLogin(text) {
		me = null;
		$('app').hidden = true;
		$('login').hidden = false;
		$('login-msg').textContent = text || '';
		var q = /[?&]quay=(\d+)/.exec(location.search);
		var counter = $('login-counter');
		if (!counter.value) {
			counter.value = q ? q[1] : (M.storedToken('motcua_counter') || '');
		}
		(counter.value ? $('login-officer') : counter).focus();
	}

	function startApp(info) {
		me = { counter: info.counter, officer: info.officer };
		M.storeToken('motcua_counter', String(info.counter));
		$('login').hidden = true;
		$('app').hidden = false;
		refresh();
		if (!startApp.streaming) {
			startApp.streaming = true;
			M.stream('', refreshSoon, function (kind) {
				if (me && kind !== 'heartbeat') {
					refreshSoon();
				}
			}, function (on) { $('link').className = on ? 'link on' : 'link'; });
		}
	}

	function login(e) {
		e.preventDefault();
		var body = { counter: Number($('login-counter').value), officer: $('login-officer').value.trim(),
			pin: $('login-pin').value };
		$('login-pin').value = '';
		$('login-msg').textContent = 'Đang kiểm tra…';
		M.api('POST', '/api/v1/login', body).then(function (r) {
			if (r.status === 200) {
				startApp(r.body);
			} else {
				$('login-msg').textContent = r.body.message || ('Lỗi ' + r.status);
			}
		});
	}

	function start() {
		buildButtons();
		$('login').addEventListener('submit', login);
		$('logout').addEventListener('click', function () {
			M.api('POST', '/api/v1/logout', {}).then(function () { showLogin('Đã đăng xuất.'); });
		});
		$('dialog-ok').addEventListener('click', function () { if (dialog) { dialogEnter(); } });
		$('dialog-cancel').addEventListener('click', closeDialog);
		document.addEventListener('keydown', onKey);
		M.api('GET', '/api/v1/me').then(function (r) {
			if (r.status === 200 && r.body.officer) {
				startApp(r.body);
			} else {
				showLogin('');
			}
		});
	}
	start();
})();
