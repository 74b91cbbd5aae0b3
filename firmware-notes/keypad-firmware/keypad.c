/*
 * Reference firmware for a motcua counter keypad, protocol version 2
 * (firmware-notes/keypad-protocol.md). ATmega328P at 16 MHz, avr-gcc and
 * avr-libc (Debian: gcc-avr avr-libc):
 *
 *     avr-gcc -mmcu=atmega328p -DF_CPU=16000000UL -Os -std=gnu11 -Wall -Wextra \
 *             -o keypad.elf keypad.c && avr-objcopy -O ihex keypad.elf keypad.hex
 *
 * Compiled by the test suite when avr-gcc is installed (tests/keypad,
 * "keypad-firmware"); not yet run on hardware. The protocol parts are the
 * point; the board parts (pins, display, key matrix) are one plain way to
 * do it.
 *
 * Board:
 *   PD0/PD1  UART RX/TX to a MAX485 (or a 3.3 V SP3485 with a 3.3 V MCU)
 *   PD2      MAX485 DE and /RE tied together: high = drive the bus
 *   PD3      buzzer (active, through a transistor)
 *   PB0..PB2 74HC165 with the 8 address DIP switches: SH/LD, CLK, QH
 *   PB3..PB5 two 74HC595 for the 4-digit display: DATA, CLK, LATCH
 *            (first 595: segments a..g and dp; second: digit enables)
 *   PC0..PC3 key matrix rows (driven low one at a time)
 *   PD4..PD7, PC4  key matrix columns (inputs with pull-ups): 4 x 5 = 20 keys
 */
#include <stdbool.h>
#include <stdint.h>
#include <avr/eeprom.h>
#include <avr/interrupt.h>
#include <avr/io.h>
#include <avr/pgmspace.h>
#include <avr/wdt.h>
#include <util/crc16.h>          /* _crc16_update: CRC-16/IBM, = MODBUS with init 0xFFFF */
#include <util/delay.h>          /* _delay_ms, _delay_us (need F_CPU) */

#define PROTOCOL_VERSION 2
#define FW_MAJOR 2
#define FW_MINOR 0
#define N_KEYS 20

#define STX 0x02
#define ETX 0x03
#define DLE 0x10
#define MAXBODY 38               /* ADDR CMD SEQ LEN + 32 + CRC */
#define TURNAROUND_MS 4          /* USB-RS485 adapters release the bus late */
#define HELLO_KEEP 0x01
#define QUEUE 4

enum { CMD_POLL = 0x01, CMD_DISPLAY = 0x02, CMD_BEEP = 0x03, CMD_HELLO = 0x04,
	REP_STATUS = 0x80, REP_KEY = 0x81, REP_INFO = 0x84, REP_NACK = 0xFF };
enum { NACK_UNKNOWN = 1, NACK_LENGTH = 2, NACK_ARG = 3 };

/* EEPROM: the boot counter that makes each boot's session byte differ. */
static uint8_t EEMEM ee_boots;

/* Keep the watchdog off through a watchdog reset (avr-libc FAQ): runs before main. */
uint8_t mcusr_at_boot __attribute__((section(".noinit")));
void wdt_off_early(void) __attribute__((naked, used, section(".init3")));
void wdt_off_early(void)
{
	mcusr_at_boot = MCUSR;
	MCUSR = 0;
	wdt_disable();
}

static uint8_t my_addr;          /* 1..247 from the DIP switches; 0 = invalid, stay silent */
static uint8_t session;          /* 1..255, differs from the previous boot's */

/* Receiver, filled by the UART interrupt. */
static volatile uint8_t rx[MAXBODY], rx_n, rx_esc, rx_in, rx_ready, rx_idle_ms;

/* Key events waiting for the master's acknowledgement. */
static uint8_t evq_event[QUEUE], evq_key[QUEUE];
static uint16_t evq_arg[QUEUE];
static uint8_t evq_n, next_event = 1, overflowed;
static int16_t prev_cmd = -1, prev_seq = -1;   /* previous request: a retry repeats both */

/* Display and keys. */
static volatile uint8_t seg[4];                /* segment patterns, refreshed by the timer */
static volatile uint8_t blink_ms_left, dim, beep_ms_left;
static uint8_t rating;                         /* rating keys 1-4 active */
static uint16_t typed;                         /* digits typed before a function key */

/* --- the bus -------------------------------------------------------------- */

ISR(USART_RX_vect)
{
	uint8_t c = UDR0;
	rx_idle_ms = 0;
	if (rx_ready) {
		return;                                /* the main loop has a frame to handle */
	}
	if (c == STX) {
		rx_in = 1;
		rx_n = 0;
		rx_esc = 0;
		return;
	}
	if (!rx_in) {
		return;                                /* stray byte: wait for the next STX */
	}
	if (c == ETX) {
		rx_in = 0;
		if (!rx_esc) {
			rx_ready = 1;
		}
		return;
	}
	if (rx_esc) {
		rx_esc = 0;
		if (c != 0x22 && c != 0x23 && c != 0x30) {
			rx_in = 0;
			return;
		}
		c ^= 0x20;
	} else if (c == DLE) {
		rx_esc = 1;
		return;
	}
	if (rx_n == MAXBODY) {
		rx_in = 0;
		return;
	}
	rx[rx_n++] = c;
}

static void put(uint8_t c)
{
	while (!(UCSR0A & _BV(UDRE0))) {
	}
	UDR0 = c;
}

static void put_stuffed(uint8_t c)
{
	if (c == STX || c == ETX || c == DLE) {
		put(DLE);
		c ^= 0x20;
	}
	put(c);
}

/* Sends a reply; a version 2 reply ends with the session byte. */
static void reply(uint8_t cmd, uint8_t seq, const uint8_t *pl, uint8_t len, bool with_session)
{
	uint8_t hdr[4] = { my_addr, cmd, seq, (uint8_t)(len + (with_session ? 1 : 0)) };
	uint16_t crc = 0xFFFF;
	for (uint8_t i = 0; i < 4; i++) {
		crc = _crc16_update(crc, hdr[i]);
	}
	for (uint8_t i = 0; i < len; i++) {
		crc = _crc16_update(crc, pl[i]);
	}
	if (with_session) {
		crc = _crc16_update(crc, session);
	}
	_delay_ms(TURNAROUND_MS);                  /* the master's adapter may still drive the bus */
	PORTD |= _BV(PD2);                         /* driver on */
	UCSR0A |= _BV(TXC0);                       /* clear "transmit complete" (write 1) */
	put(STX);
	for (uint8_t i = 0; i < 4; i++) {
		put_stuffed(hdr[i]);
	}
	for (uint8_t i = 0; i < len; i++) {
		put_stuffed(pl[i]);
	}
	if (with_session) {
		put_stuffed(session);
	}
	put_stuffed((uint8_t)(crc & 0xFF));
	put_stuffed((uint8_t)(crc >> 8));
	put(ETX);
	while (!(UCSR0A & _BV(TXC0))) {            /* the last stop bit has left the wire */
	}
	PORTD &= (uint8_t)~_BV(PD2);               /* driver off: listen again */
}

/* Drops the events up to ack (numbers run 1..255 then 1 again). */
static void drop_acked(uint8_t ack)
{
	while (evq_n && (uint8_t)(ack - evq_event[0]) < 128) {
		for (uint8_t i = 1; i < evq_n; i++) {
			evq_event[i - 1] = evq_event[i];
			evq_key[i - 1] = evq_key[i];
			evq_arg[i - 1] = evq_arg[i];
		}
		evq_n--;
	}
}

/* --- display and buzzer ---------------------------------------------------- */

/* Seven-segment patterns (bit 0 = a ... bit 6 = g) for '0'..'9' and 'A'..'Z'. */
static const uint8_t font[36] PROGMEM = {
	0x3F, 0x06, 0x5B, 0x4F, 0x66, 0x6D, 0x7D, 0x07, 0x7F, 0x6F,
	0x77, 0x7C, 0x39, 0x5E, 0x79, 0x71, 0x3D, 0x76, 0x06, 0x1E, 0x76, 0x38, 0x37,
	0x54, 0x3F, 0x73, 0x67, 0x50, 0x6D, 0x78, 0x3E, 0x3E, 0x3E, 0x76, 0x6E, 0x5B,
};

static uint8_t glyph(uint8_t c)
{
	if (c >= '0' && c <= '9') {
		return pgm_read_byte(&font[c - '0']);
	}
	if (c >= 'A' && c <= 'Z') {
		return pgm_read_byte(&font[10 + c - 'A']);
	}
	return c == '-' ? 0x40 : 0;
}

/* Shows the rightmost four characters of text, right-aligned. */
static void display_set(const volatile uint8_t *text, uint8_t n, uint8_t flags)
{
	uint8_t s[4] = { 0, 0, 0, 0 };
	for (uint8_t i = 0; i < 4 && i < n; i++) {
		s[3 - i] = glyph(text[n - 1 - i]);
	}
	rating = flags & 0x02;
	if (rating) {
		s[0] = 0x53;                           /* '?' in the leftmost digit */
	}
	cli();
	for (uint8_t i = 0; i < 4; i++) {
		seg[i] = s[i];
	}
	blink_ms_left = (flags & 0x01) ? 250 : 0;  /* x 12 ms, about 3 s */
	dim = flags & 0x04;
	sei();
}

static void beep(uint8_t pattern)
{
	beep_ms_left = pattern == 2 ? 180 : pattern == 3 ? 250 : 60;
}

static void shift_out(uint8_t b)
{
	for (uint8_t i = 0; i < 8; i++) {
		if (b & 0x80) {
			PORTB |= _BV(PB3);
		} else {
			PORTB &= (uint8_t)~_BV(PB3);
		}
		PORTB |= _BV(PB4);
		PORTB &= (uint8_t)~_BV(PB4);
		b <<= 1;
	}
}

/* 1 ms tick: inter-byte timeout, display multiplexing, blink, buzzer. */
ISR(TIMER0_COMPA_vect)
{
	static uint8_t digit, tick, blink_sub;
	if (rx_in && ++rx_idle_ms > 10) {
		rx_in = 0;                             /* 10 ms of silence: drop the partial frame */
	}
	digit = (uint8_t)((digit + 1) & 3);
	tick++;
	bool off = (dim && (tick & 3)) || (blink_ms_left && (blink_sub & 0x20));
	if (blink_ms_left && ++blink_sub % 12 == 0) {
		blink_ms_left--;
	}
	shift_out(off ? 0 : (uint8_t)(1 << digit));
	shift_out(off ? 0 : seg[digit]);
	PORTB |= _BV(PB5);
	PORTB &= (uint8_t)~_BV(PB5);
	if (beep_ms_left) {
		beep_ms_left--;
		PORTD |= _BV(PD3);
	} else {
		PORTD &= (uint8_t)~_BV(PD3);
	}
}

/* --- keys ----------------------------------------------------------------- */

/* Key matrix positions: digits, then the function keys (key codes of the protocol). */
static const uint8_t keymap[N_KEYS] PROGMEM = {
	'1', '2', '3', 0x01,   /* GỌI TIẾP */
	'4', '5', '6', 0x02,   /* GỌI LẠI */
	'7', '8', '9', 0x03,   /* VẮNG */
	'C', '0', 0x08, 0x07,  /* xoá, 0, GỌI SỐ, XONG */
	0x04, 0x05, 0x06, 0,   /* GỌI LẠI SỐ VẮNG, CHUYỂN, TẠM DỪNG, (unused) */
};

static void key_event(uint8_t key, uint16_t arg)
{
	if (evq_n == QUEUE) {
		overflowed = 1;
		beep(2);
		return;
	}
	evq_event[evq_n] = next_event;
	evq_key[evq_n] = key;
	evq_arg[evq_n] = arg;
	evq_n++;
	next_event = next_event == 255 ? 1 : (uint8_t)(next_event + 1);
}

static void key_pressed(uint8_t pos)
{
	uint8_t k = pgm_read_byte(&keymap[pos]);
	if (k >= '1' && k <= '4' && rating) {
		key_event((uint8_t)(0x11 + k - '1'), 0);   /* rating 1..4 */
	} else if (k >= '0' && k <= '9') {
		typed = (uint16_t)(typed % 1000 * 10 + (k - '0'));
	} else if (k == 'C') {
		typed = 0;
	} else if (k) {
		key_event(k, typed);
		typed = 0;
	}
}

/* Called every ms or so: scans one row, debounced by 20 equal scans. */
static void scan_keys(void)
{
	static uint8_t row, stable[4], last[4], count[4];
	PORTC = (uint8_t)((PORTC | 0x0F) & ~_BV(row));
	_delay_us(5);
	uint8_t cols = (uint8_t)(((~PIND >> 4) & 0x0F) | ((~PINC & _BV(PC4)) ? 0x10 : 0));
	if (cols != last[row]) {
		last[row] = cols;
		count[row] = 0;
	} else if (count[row] < 20 && ++count[row] == 20) {
		uint8_t pressed = (uint8_t)(cols & ~stable[row]);
		stable[row] = cols;
		for (uint8_t c = 0; c < 5; c++) {
			if (pressed & _BV(c)) {
				key_pressed((uint8_t)(c < 4 ? row * 4 + c : 16 + row));
			}
		}
	}
	row = (uint8_t)((row + 1) & 3);
}

/* --- requests --------------------------------------------------------------- */

static void handle_frame(void)
{
	uint8_t n = rx_n, addr = rx[0], cmd = rx[1], seq = rx[2], len = rx[3];
	const volatile uint8_t *pl = rx + 4;
	uint8_t crc_lo, crc_hi;
	if (n < 6 || len != n - 6) {
		return;
	}
	uint16_t crc = 0xFFFF;
	for (uint8_t i = 0; i < n - 2; i++) {
		crc = _crc16_update(crc, rx[i]);
	}
	crc_lo = rx[n - 2];
	crc_hi = rx[n - 1];
	if (crc != (uint16_t)(crc_lo | crc_hi << 8)) {
		return;                                /* never NACK: the sender could be anybody */
	}
	if ((addr != my_addr && addr != 0) || (cmd & 0x80)) {
		return;                                /* another keypad's request or reply */
	}
	bool answer = addr != 0;
	bool retry = answer && cmd == prev_cmd && seq == prev_seq;
	if (answer) {
		prev_cmd = cmd;
		prev_seq = seq;
	}
	uint8_t st[1] = { (uint8_t)(0x01 | (overflowed ? 0x02 : 0)) };
	switch (cmd) {
	case CMD_POLL: {
		/*
		 * Version 1 POLL: ack_event. Version 2: ack_event, session. An ack
		 * for another session is about a previous boot's events: ignore it,
		 * or the fresh events with the same numbers would be dropped unseen.
		 * A version 1 master gets version 1 replies (no session).
		 */
		bool v2 = len >= 2;
		if (len >= 1 && pl[0] && (!v2 || pl[1] == session)) {
			drop_acked(pl[0]);
		}
		if (!answer) {
			break;
		}
		if (evq_n) {
			uint8_t k[4] = { evq_event[0], evq_key[0], (uint8_t)(evq_arg[0] & 0xFF),
				(uint8_t)(evq_arg[0] >> 8) };
			reply(REP_KEY, seq, k, 4, v2);
		} else {
			reply(REP_STATUS, seq, st, 1, v2);
		}
		break;
	}
	case CMD_DISPLAY:
		if (len < 1 || len > 9) {
			if (answer) {
				uint8_t why = NACK_LENGTH;
				reply(REP_NACK, seq, &why, 1, true);
			}
			break;
		}
		display_set(pl + 1, (uint8_t)(len - 1), pl[0]);
		if (answer) {
			reply(REP_STATUS, seq, st, 1, true);
		}
		break;
	case CMD_BEEP:
		if (!retry) {
			beep(len ? pl[0] : 1);             /* a retried BEEP does not beep twice */
		}
		if (answer) {
			reply(REP_STATUS, seq, st, 1, true);
		}
		break;
	case CMD_HELLO: {
		/* A plain HELLO (master start) flushes; HELLO KEEP (a re-greeting) does not. */
		if (!(len >= 1 && (pl[0] & HELLO_KEEP))) {
			evq_n = 0;
			next_event = 1;
			overflowed = 0;
		}
		uint8_t info[4] = { PROTOCOL_VERSION, FW_MAJOR, FW_MINOR, N_KEYS };
		if (answer) {
			reply(REP_INFO, seq, info, 4, true);
		}
		break;
	}
	default:
		if (answer) {
			uint8_t why = NACK_UNKNOWN;
			reply(REP_NACK, seq, &why, 1, true);
		}
	}
}

/* --- start-up ------------------------------------------------------------- */

static uint8_t read_address(void)
{
	uint8_t v = 0;
	PORTB &= (uint8_t)~_BV(PB0);               /* load the switches */
	_delay_us(5);
	PORTB |= _BV(PB0);
	for (uint8_t i = 0; i < 8; i++) {
		v = (uint8_t)(v << 1 | ((PINB & _BV(PB2)) ? 0 : 1));   /* switch ON pulls low */
		PORTB |= _BV(PB1);
		PORTB &= (uint8_t)~_BV(PB1);
	}
	return v >= 1 && v <= 247 ? v : 0;
}

int main(void)
{
	DDRD = _BV(PD1) | _BV(PD2) | _BV(PD3);
	PORTD = 0xF0;                              /* column pull-ups, driver off */
	DDRB = _BV(PB0) | _BV(PB1) | _BV(PB3) | _BV(PB4) | _BV(PB5);
	PORTB = _BV(PB0) | _BV(PB2);
	DDRC = 0x0F;
	PORTC = 0x0F | _BV(PC4);

	my_addr = read_address();
	/* 0xFF (erased) -> 1; else the next of 1..255: never the previous boot's. */
	uint8_t boots = eeprom_read_byte(&ee_boots);
	session = boots >= 255 ? 1 : (uint8_t)(boots + 1);
	eeprom_update_byte(&ee_boots, session);

	TCCR0A = _BV(WGM01);                       /* timer 0, CTC, 1 ms at 16 MHz / 64 */
	TCCR0B = _BV(CS01) | _BV(CS00);
	OCR0A = 249;
	TIMSK0 = _BV(OCIE0A);
	UBRR0 = F_CPU / 16 / 9600 - 1;             /* 9600 baud */
	UCSR0B = _BV(RXEN0) | _BV(TXEN0) | _BV(RXCIE0);
	UCSR0C = _BV(UCSZ01) | _BV(UCSZ00);        /* 8N1 */
	if (!my_addr) {
		static const volatile uint8_t err[4] = { 'A', 'D', 'E', 'R' };
		display_set(err, 4, 0);               /* bad DIP setting: say so, never answer */
	}
	/* A hang (a stuck bus, a bug) resets the keypad; the session tells the master. */
	wdt_enable(WDTO_250MS);
	sei();
	for (;;) {
		wdt_reset();
		scan_keys();
		if (rx_ready) {
			if (my_addr) {
				handle_frame();
			}
			rx_ready = 0;
		}
		_delay_us(500);
	}
}
