/*
 * A citizen's ticket on their phone (/t/TOKEN, the QR code on the paper):
 * number, field, people ahead, the number each counter that may call it
 * is serving, the estimated wait; once called, "Đã đến lượt — mời đến quầy
 * X". Polls TOKEN.json every 5 s (while the page is visible). Plain
 * ES2017 for a 2019 Android phone; data is only ever set as text.
 */
'use strict';
(function () {
	var POLL_MS = 5000;
	var token = location.pathname.split('/')[2] || '';
	var timer = null;

	function $(id) { return document.getElementById(id); }
	function text(id, s) { $(id).textContent = s === undefined || s === null ? '' : String(s); }

	function minutes(s) {
		var m = Math.round(s / 60);
		return m < 1 ? 'dưới 1 phút' : 'khoảng ' + m + ' phút';
	}
	function clock() {
		var d = new Date();
		return (d.getHours() < 10 ? '0' : '') + d.getHours() + ':' +
			(d.getMinutes() < 10 ? '0' : '') + d.getMinutes();
	}

	function draw(s) {
		text('commune', s.commune_name);
		text('number', s.number);
		text('service', s.service_name);
		var atCounter = s.status === 'called' || s.status === 'serving';
		$('called').hidden = !atCounter;
		if (atCounter) {
			text('called-where', 'Mời đến ' + (s.counter_name ? 'quầy số ' + s.counter + ' – ' + s.counter_name
				: 'quầy số ' + s.counter));
			document.title = 'Đã đến lượt — mời đến quầy ' + s.counter;
		} else {
			document.title = 'Số ' + s.number;
		}
		text('state', atCounter ? '' : 'Trạng thái: ' + s.status_words);
		var waiting = s.status === 'waiting';
		$('waiting').hidden = !waiting;
		if (waiting) {
			text('ahead', s.ahead);
			text('wait', minutes(s.est_wait_s));
		}
		var list = $('counters');
		while (list.firstChild) {
			list.removeChild(list.firstChild);
		}
		s.counters.forEach(function (c) {
			var li = document.createElement('li');
			var name = document.createElement('span');
			name.textContent = 'Quầy ' + c.number;
			var num = document.createElement('strong');
			num.textContent = c.state === 'paused' ? 'tạm dừng' : c.state === 'closed' ? 'đã đóng'
				: c.serving ? 'đang phục vụ số ' + c.serving : 'chưa phục vụ ai';
			li.appendChild(name);
			li.appendChild(num);
			list.appendChild(li);
		});
		$('counters-box').hidden = !s.counters.length || !(waiting || atCounter);
		text('updated', 'Cập nhật lúc ' + clock() + ' · tự làm mới mỗi 5 giây');
	}

	function poll() {
		timer = null;
		fetch('/t/' + encodeURIComponent(token) + '.json', { cache: 'no-store' }).then(function (r) {
			if (r.status === 404) {
				$('page').hidden = true;
				$('gone').hidden = false;
				return null;
			}
			return r.ok ? r.json() : null;
		}).then(function (s) {
			if (s) {
				draw(s);
			}
		}).catch(function () {
			text('updated', 'Mất kết nối, đang thử lại…');
		}).then(function () {
			if (!$('page').hidden) {
				schedule();
			}
		});
	}
	function schedule() {
		if (!timer && !document.hidden) {
			timer = setTimeout(poll, POLL_MS);
		}
	}
	document.addEventListener('visibilitychange', function () {
		if (!document.hidden && !timer) {
			poll();
		}
	});
	poll();
})();
