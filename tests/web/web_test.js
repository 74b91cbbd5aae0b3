/*
 * motcua's browser pages driven in headless chromium (run.sh starts the
 * server). Each case checks what the page shows and what the database
 * then holds (through `motcua --json` or sqlite3), and takes the
 * screenshots the README shows. Output: TAP.
 */
'use strict';
const puppeteer = require('puppeteer-core');
const { execFileSync, spawn } = require('child_process');
const fs = require('fs');
const path = require('path');
const http = require('http');

const env = process.env;
const URL = env.URL, PUBLIC = env.PUBLIC_URL, SHOTS = env.SHOTS;
let n = 0, fails = 0;

function ok(cond, what, detail) {
	n++;
	console.log((cond ? 'ok ' : 'not ok ') + n + ' - ' + what);
	if (!cond) {
		fails++;
		if (detail !== undefined) {
			console.log('#   ' + String(detail).split('\n').join('\n#   '));
		}
	}
}
function motcua(...args) {
	try {
		return JSON.parse(execFileSync(env.MOTCUA, ['--json', ...args], { encoding: 'utf8' }));
	} catch (e) {
		return JSON.parse(e.stdout || '{}');
	}
}
function sql(q) {
	return execFileSync('sqlite3', [env.MOTCUA_DB, q], { encoding: 'utf8' }).trim();
}
async function shot(page, name) {
	await page.bringToFront();
	await page.screenshot({ path: path.join(SHOTS, name + '.png') });
}
const text = (page, sel) => page.$eval(sel, (e) => e.textContent.trim());
const visible = (page, sel) => page.$eval(sel, (e) => !e.hidden && !e.closest('[hidden]'));
async function waitText(page, sel, want, timeout) {
	try {
		await page.waitForFunction((s, w) => {
			const e = document.querySelector(s);
			return e && e.textContent.indexOf(w) >= 0;
		}, { timeout: timeout || 8000, polling: 100 }, sel, want);
		return true;
	} catch (e) {
		return false;
	}
}
async function waitVisible(page, sel, timeout) {
	try {
		await page.waitForFunction((s) => {
			const e = document.querySelector(s);
			return e && !e.hidden && !e.closest('[hidden]');
		}, { timeout: timeout || 8000, polling: 100 }, sel);
		return true;
	} catch (e) {
		return false;
	}
}

async function login(page, counter, officer, pin) {
	await page.goto(URL + '/counter?quay=' + counter);
	await page.waitForSelector('#login:not([hidden])');
	await page.type('#login-officer', officer);
	await page.type('#login-pin', pin);
	await page.click('#login button[type=submit]');
	return waitVisible(page, '#app', 10000);
}

async function officerCase(browser) {
	for (let i = 0; i < 4; i++) {
		motcua('issue', 'HT');
	}
	const a = await browser.newPage();
	await a.setViewport({ width: 1366, height: 768 });
	const errors = [];
	a.on('pageerror', (e) => errors.push(e.message));
	a.on('console', (m) => {
		/* Refused requests (401 before the login, the forged write below) are expected. */
		if (m.type() === 'error' && m.text().indexOf('Failed to load resource') < 0) {
			errors.push(m.text());
		}
	});
	await a.goto(URL + '/counter?quay=1');
	await a.waitForSelector('#login:not([hidden])');
	await a.type('#login-officer', 'Nguyễn Thị Hoa');
	await a.type('#login-pin', '0000');
	await a.click('#login button[type=submit]');
	ok(await waitText(a, '#login-msg', 'sai tên cán bộ hoặc mã PIN'), 'a wrong PIN is refused on the page');
	await a.evaluate(() => { document.getElementById('login-officer').value = ''; });
	await a.type('#login-officer', 'Nguyễn Thị Hoa');
	await a.type('#login-pin', '1357');
	await a.click('#login button[type=submit]');
	ok(await waitVisible(a, '#app', 10000), 'an officer logs in at counter 1');
	const cookies = await a.cookies();
	const c = cookies.filter((x) => x.name === 'motcua_session')[0];
	ok(c && c.httpOnly && c.sameSite === 'Strict' && c.path === '/', 'the session cookie is HttpOnly, SameSite=Strict',
		JSON.stringify(c));
	ok(await a.evaluate(() => document.cookie.indexOf('motcua_session') < 0), 'scripts cannot read it');

	/* A second officer at the same counter, in a browser of their own. */
	const ctx2 = await browser.createBrowserContext();
	const b = await ctx2.newPage();
	await b.setViewport({ width: 1920, height: 1080 });
	ok(await login(b, 1, 'Trần Văn Nam', '2468'), 'a second officer logs in at the same counter');
	await waitText(b, '#upcoming', '1001');

	await a.keyboard.press('F1');
	ok(await waitText(a, '#cur-number', '1001'), 'F1 calls the next number (1001)');
	ok(await waitText(b, '#cur-number', '1001', 5000), 'the other officer sees the call at once');
	ok(motcua('status').counters[0].serving === '1001', 'motcua status: counter 1 serves 1001');
	await a.keyboard.press('F2');
	ok(await waitText(a, '#msg', 'Đã gọi lại số 1001'), 'F2 recalls');
	ok(sql("SELECT recalls FROM tickets WHERE number = '1001'") === '1', 'the database counts the recall');
	await a.keyboard.press('F6');
	await waitVisible(a, '#dialog');
	const items = await a.$$eval('#dialog-items button', (bs) => bs.map((x) => x.textContent));
	ok(items.some((t) => t.indexOf('Chứng thực') >= 0) && items.some((t) => t.indexOf('Quầy số 2') >= 0),
		'F6 offers the fields and the counters', items.join(' | '));
	/* Injected markup in a field's name shows as text. */
	const injected = items.filter((t) => t.indexOf('<img src=x') >= 0);
	ok(injected.length === 1 && injected[0].indexOf('<b>thử</b>') >= 0, 'markup in a field name shows as text');
	ok(await a.evaluate(() => document.querySelectorAll('#dialog img, #dialog b').length === 0
		&& window.pwned === undefined), 'and makes no element, runs nothing');
	await shot(a, 'web-counter-transfer-1366x768');
	const idx = items.findIndex((t) => t.indexOf('Chứng thực') >= 0);
	for (let i = 0; i < idx; i++) {
		await a.keyboard.press('ArrowRight');
	}
	await a.keyboard.press('Enter');
	ok(await waitText(a, '#msg', 'Đã chuyển số 1001 sang Chứng thực'), 'transfer with arrows and Enter');
	ok(sql("SELECT group_concat(status || ':' || (SELECT code FROM services s WHERE s.id = service_id), ',')"
		+ " FROM (SELECT * FROM tickets WHERE number = '1001' ORDER BY id)") === 'transferred:HT,waiting:CT',
		'the database agrees: transferred to CT, waiting there');
	await b.bringToFront();
	await b.keyboard.press('Space');
	ok(await waitText(b, '#cur-number', '1002'), 'Space calls the next (the other officer)');
	await a.bringToFront();
	ok(await waitText(a, '#cur-number', '1002', 5000), 'and the first officer sees it');
	await a.keyboard.press('F4');
	ok(await waitText(a, '#msg', 'Đã xong số 1002'), 'F4 finishes');
	const row = sql("SELECT t.status, o1.name, o2.name FROM tickets t LEFT JOIN officers o1 ON o1.id = t.officer_id"
		+ " LEFT JOIN officers o2 ON o2.id = t.finished_by WHERE t.number = '1002'");
	ok(row === 'done|Trần Văn Nam|Nguyễn Thị Hoa', 'the database records who called and who finished', row);
	await a.keyboard.press('F1');
	await waitText(a, '#cur-number', '1003');
	await a.keyboard.press('F3');
	ok(await waitText(a, '#msg', 'vắng mặt'), 'F3 marks a no-show');
	await waitText(a, '#noshows', '1003');
	await a.keyboard.press('F5');
	await waitVisible(a, '#dialog');
	await a.keyboard.press('Enter');
	ok(await waitText(a, '#msg', 'đã được xếp lại vào hàng'), 'F5 puts the no-show back in line');
	ok(sql("SELECT status FROM tickets WHERE number = '1003'") === 'waiting', 'the database agrees');
	await a.keyboard.press('F7');
	await waitVisible(a, '#dialog-input');
	await a.type('#dialog-input', '1004');
	await a.keyboard.press('Enter');
	ok(await waitText(a, '#cur-number', '1004'), 'F7 calls a typed number');
	await a.keyboard.press('F8');
	await waitVisible(a, '#dialog');
	await a.keyboard.press('Enter');
	ok(await waitText(a, '#counter-state', 'Tạm dừng: Nghỉ giải lao'), 'F8 pauses with a reason');
	ok(motcua('status').counters[0].state === 'paused', 'motcua status: paused');
	await a.keyboard.press('F8');
	ok(await waitText(a, '#counter-state', 'Đang mở'), 'F8 again resumes');
	await waitText(a, '#upcoming', '1003');
	await shot(a, 'web-counter-1366x768');
	await b.bringToFront();
	await waitText(b, '#cur-number', '1004');
	await shot(b, 'web-counter-1920x1080');
	const fits = await a.evaluate(() => {
		const r = document.getElementById('buttons').getBoundingClientRect();
		return r.bottom <= window.innerHeight && document.documentElement.scrollWidth <= window.innerWidth;
	});
	ok(fits, 'the counter fits 1366x768 with every button visible');
	/* A write without our mark is refused (CSRF), even from our own origin. */
	const forged = await a.evaluate(() => fetch('/api/v1/counters/1/finish', { method: 'POST',
		credentials: 'same-origin' }).then((r) => r.status));
	ok(forged === 403, 'a cookie write without X-Motcua: 403', forged);
	ok(errors.length === 0, 'no script errors on the counter page', errors.join('\n'));
	await ctx2.close();
	return a;
}

async function ratingCase(browser, officer) {
	const t = await browser.newPage();
	await t.setViewport({ width: 1280, height: 800 });
	await t.goto(URL + '/rate/1');
	await t.waitForSelector('#setup:not([hidden])');
	ok(t.url().indexOf(env.RATING_TOKEN) < 0, 'the tablet token is not in the URL');
	await t.type('#setup-token', env.RATING_TOKEN);
	await t.click('#setup button[type=submit]');
	ok(await waitVisible(t, '#idle'), 'the tablet keeps its token and shows the counter');
	ok(await waitText(t, '#serving', '1004'), 'idle: the number being served');
	await shot(t, 'web-rate-idle-1280x800');
	await officer.bringToFront();
	await officer.keyboard.press('F4');
	ok(await waitVisible(t, '#ask', 5000), 'after «Xong» the tablet asks');
	ok((await text(t, '#ask h1')) === 'Quý công dân có hài lòng?', 'the question');
	ok((await text(t, '#ask-number')).indexOf('1004') >= 0, 'for the number just served');
	await shot(t, 'web-rate-ask-1280x800');
	await t.click('#face-1');
	ok(await waitVisible(t, '#thanks'), 'a face thanks the citizen');
	await new Promise((r) => setTimeout(r, 300));
	const row = sql("SELECT rating, rating_source, (SELECT name FROM officers WHERE id = rated_by)"
		+ " FROM tickets WHERE number = '1004'");
	ok(row === '1|citizen|Nguyễn Thị Hoa', 'the database: rating 1, source citizen, the serving account', row);
	const day = motcua('status').day;
	const rep = motcua('report', '--day', String(day).replace(/(\d{4})(\d\d)(\d\d)/, '$1-$2-$3'), '--by', 'officer');
	const hoa = (rep.rows || []).filter((r) => r.key === 'Nguyễn Thị Hoa')[0];
	ok(hoa && hoa.citizen_ratings.very_satisfied === 1, 'motcua report --by officer shows the citizen rating',
		JSON.stringify(rep));
	/* Portrait, and the reasons of an unhappy citizen. */
	await t.setViewport({ width: 800, height: 1280 });
	await officer.bringToFront();
	await officer.keyboard.press('F1');
	await waitText(officer, '#cur-number', '1003');
	await officer.keyboard.press('F4');
	ok(await waitVisible(t, '#ask', 5000), 'portrait: asks again');
	await shot(t, 'web-rate-ask-800x1280');
	await t.click('#face-4');
	ok(await waitVisible(t, '#reasons'), '«Không hài lòng» asks why');
	await shot(t, 'web-rate-reasons-800x1280');
	await t.evaluate(() => {
		const b = Array.from(document.querySelectorAll('#reason-list button'))
			.filter((x) => x.textContent === 'Phải chờ lâu')[0];
		b.click();
	});
	await waitVisible(t, '#thanks');
	await new Promise((r) => setTimeout(r, 300));
	const row2 = sql("SELECT rating, rating_source, rating_reason FROM tickets WHERE number = '1003'");
	ok(row2 === '4|citizen|Phải chờ lâu', 'the reason is kept with the rating', row2);
	return t;
}

async function statusCase(browser) {
	const issued = motcua('issue', 'CT');
	ok(issued.public_token && issued.public_token.length === 22, 'the issue answer carries the status token');
	const p = await browser.newPage();
	await p.setViewport({ width: 360, height: 740, deviceScaleFactor: 2, isMobile: true });
	const resp = await p.goto(PUBLIC + '/t/' + issued.public_token);
	ok(resp.status() === 200, 'the status page opens on the public address');
	ok(await waitText(p, '#number', issued.number), 'it shows the number ' + issued.number);
	ok(await waitText(p, '#service', 'Chứng thực'), 'and the field');
	ok(await visible(p, '#waiting') && (await text(p, '#ahead')) === '1', 'and the people ahead (1)',
		await text(p, '#ahead'));
	ok((await text(p, '#counters')).indexOf('Quầy 2') >= 0, 'and the counters that may call it');
	await shot(p, 'web-status-waiting-360x740');
	const bytes = await p.evaluate(() => performance.getEntriesByType('resource')
		.concat(performance.getEntriesByType('navigation'))
		.reduce((s, e) => s + (e.encodedBodySize || e.transferSize || 0), 0));
	ok(bytes > 0 && bytes < 30 * 1024, 'the page weighs under 30 KB (' + bytes + ' bytes)');
	motcua('call', '2');                        /* 1001 (transferred to CT) first */
	ok(await waitText(p, '#ahead', '0', 7000), 'the page follows: nobody ahead now');
	motcua('call', '2');
	ok(await waitVisible(p, '#called', 7000), 'once called: a large notice, within one poll');
	ok((await text(p, '#called')).indexOf('Đã đến lượt') >= 0
		&& (await text(p, '#called-where')).indexOf('quầy số 2') >= 0, '«Đã đến lượt — mời đến quầy 2»');
	await shot(p, 'web-status-called-360x740');
	/* A guessed token, and one of an earlier day. */
	const g = await p.goto(PUBLIC + '/t/AAAAAAAAAAAAAAAAAAAAAA');
	ok(g.status() === 404 && (await p.content()).indexOf('Phiếu không còn hiệu lực') >= 0,
		'a guessed token: «Phiếu không còn hiệu lực»');
	const body = await p.content();
	ok(body.indexOf('Chứng thực') < 0 && body.indexOf(issued.number) < 0, 'revealing nothing');
	sql("UPDATE tickets SET day = day - 1 WHERE public_token = '" + issued.public_token + "'");
	const e = await p.goto(PUBLIC + '/t/' + issued.public_token);
	ok(e.status() === 404 && (await p.content()).indexOf('Phiếu không còn hiệu lực') >= 0,
		'a token of an earlier day: the same page');
	await shot(p, 'web-status-gone-360x740');
	/* A staff page is not there on the public address. */
	const staff = await p.goto(PUBLIC + '/counter');
	ok(staff.status() === 404, 'the public address has no staff page');
	return p;
}

async function hostileCase(browser) {
	/*
	 * A cross-site form posting to the staff API from another port of the
	 * same host: same site, so the browser sends the officer's cookie; the
	 * Origin and the missing X-Motcua must stop it.
	 */
	const evil = http.createServer((req, res) => {
		res.writeHead(200, { 'Content-Type': 'text/html' });
		res.end('<form method="POST" action="' + URL + '/api/v1/counters/1/call">'
			+ '<input type="hidden" name="officer" value="x"></form>'
			+ '<script>document.forms[0].submit()</script>');
	});
	await new Promise((r) => evil.listen(0, '127.0.0.1', r));
	const p = await browser.newPage();
	const before = sql('SELECT count(*) FROM events');
	const landed = p.waitForNavigation({ url: (u) => u.indexOf(URL) === 0 }).catch(() => null);
	await p.goto('http://127.0.0.1:' + evil.address().port + '/');
	const resp = await landed;
	const answer = await p.evaluate(() => document.body.textContent);
	ok(resp && resp.status() === 403 && answer.indexOf('"error":"forbidden"') >= 0,
		'a cross-site POST with the officer\'s cookie is refused (403)', answer);
	ok(sql('SELECT count(*) FROM events') === before, 'and writes nothing');
	evil.close();
	/* A flood from one address. */
	await p.goto(PUBLIC + '/p/status.css');
	const codes = await p.evaluate(async (u) => {
		const out = [];
		for (let i = 0; i < 90; i++) {
			out.push((await fetch(u, { cache: 'no-store' })).status);
		}
		return out;
	}, PUBLIC + '/p/status.css');
	ok(codes.indexOf(429) >= 0, 'a flood above the rate limit gets 429 (' +
		codes.filter((c) => c === 429).length + ' of 90)');
	await p.close();
}

async function boardCase(browser) {
	const p = await browser.newPage();
	await p.setViewport({ width: 1920, height: 1080 });
	await p.goto(URL + '/board');
	await p.waitForSelector('#setup:not([hidden])');
	await p.type('#setup-token', env.DISPLAY_TOKEN);
	await p.click('#setup button[type=submit]');
	ok(await waitVisible(p, '#board'), 'the board keeps its token');
	const clips = [];
	p.on('request', (r) => { if (r.url().indexOf('/voice/') >= 0) { clips.push(r.url().split('/').pop()); } });
	await new Promise((r) => setTimeout(r, 500));
	const t = motcua('issue', 'HT');
	motcua('call', '2', '--number', t.number);
	ok(await waitText(p, '#latest-number', t.number) && await waitText(p, '#latest-counter', 'Quầy 2'),
		'a call shows large on the board');
	for (let i = 0; i < 200 && clips.indexOf('den_quay_so.wav') < 0; i++) {
		await new Promise((r) => setTimeout(r, 100));
	}
	ok(clips[0] === 'chime.wav' && clips[1] === 'moi_cong_dan_co_so_thu_tu.wav'
		&& clips.indexOf('den_quay_so.wav') > 1, 'the chime and the voice clips play in order', clips.join(' '));
	await shot(p, 'web-board-1920x1080');
	await p.close();
}

/*
 * The server restarts (same address, sessions gone): the rating tablet
 * reconnects by itself, reads the snapshot again and asks after the next
 * finish. Returns the new server process (the caller stops it).
 */
async function restartCase(tablet) {
	process.kill(Number(env.SERVER_PID), 'SIGTERM');
	for (let i = 0; i < 100; i++) {
		try {
			process.kill(Number(env.SERVER_PID), 0);
		} catch (e) {
			break;
		}
		await new Promise((r) => setTimeout(r, 100));
	}
	await tablet.bringToFront();
	const log = fs.openSync(env.SERVER_LOG, 'a');
	const srv = spawn(env.MOTCUAD, ['--listen', URL.replace('http://', ''), '--web', env.WEB],
		{ stdio: ['ignore', log, log] });
	motcua('issue', 'HT');
	motcua('call', '1');
	ok(await waitText(tablet, '#serving', motcua('status').counters[0].serving, 15000),
		'after a server restart the tablet follows again');
	motcua('finish', '1');
	ok(await waitVisible(tablet, '#ask', 10000), 'and asks after the next «Xong»');
	return srv;
}

(async () => {
	let restarted = null;
	const browser = await puppeteer.launch({
		executablePath: env.CHROMIUM,
		headless: true,
		protocolTimeout: 60000,
		args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
			'--disable-background-timer-throttling', '--disable-renderer-backgrounding',
			'--disable-backgrounding-occluded-windows',
			'--autoplay-policy=no-user-gesture-required', '--mute-audio'],
	});
	try {
		const officer = await officerCase(browser);
		const tablet = await ratingCase(browser, officer);
		await statusCase(browser);
		await boardCase(browser);
		await hostileCase(browser);
		restarted = await restartCase(tablet);
	} catch (e) {
		ok(false, 'the browser test ran to its end', e.stack);
	}
	if (restarted) {
		restarted.kill('SIGTERM');
	}
	await browser.close();
	console.log('1..' + n);
	process.exit(fails ? 1 : 0);
})();
