/* pb_scan: one pass over protobuf wire bytes against limits, before protobuf-c unpacks them
 * (see pb_scan.h). The estimate follows what protobuf-c 1.4 allocates: the struct of every
 * message, a record per field occurrence while a message is unpacked, one array per repeated
 * field, a copy of every string, bytes field and unknown field. The records are freed when
 * their message is done, so they count only while their message and its children unpack. */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "pb_scan.h"

#define MAX_DEPTH 32
#define MAX_FIELDS 64              /* fields of one message type that pb_scan can track */
#define MAX_COUNT_LIMITS 16
#define OCCURRENCE_BYTES 64        /* protobuf-c's 32-byte record per field, in doubling slabs */
#define UNKNOWN_FIELD_BYTES 24     /* a ProtobufCMessageUnknownField */
#define CANCEL_EVERY_FIELDS 65536
#define NO_LIMIT (-1)
#define NOT_LOOKED_UP (-2)

typedef struct Scan {
    const PbScanLimits *limits;
    size_t memory;                     /* what the unpacked message keeps */
    size_t transient;                  /* records of the messages being unpacked now */
    size_t peak;                       /* the most of both at any time */
    size_t unknown, fields_seen;
    size_t totals[MAX_COUNT_LIMITS];   /* entries so far, per count limit */
    char names[512];                   /* "orders.lines": matched against the count limits */
    char where[512];                   /* "orders[3].lines[2]": for messages */
    size_t names_len, where_len;
    SrcError *err;
} Scan;

typedef struct Cursor {
    const uint8_t *p, *end;
} Cursor;

/* One message's bookkeeping: entries per field, and which count limit applies to each. */
typedef struct MessageCounts {
    size_t entries[MAX_FIELDS];
    signed char limit[MAX_FIELDS];
} MessageCounts;

static PbScanResult fail(Scan *s, PbScanResult result, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static PbScanResult fail(Scan *s, PbScanResult result, const char *fmt, ...)
{
    char text[800];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    src_error_set(s->err, "%s: %s", s->where[0] ? s->where : "(top level)", text);
    return result;
}

static PbScanResult charge_to(Scan *s, size_t *account, size_t bytes)
{
    *account += bytes;
    if (s->memory + s->transient > s->peak)
        s->peak = s->memory + s->transient;
    size_t max = s->limits->max_memory;
    if (max && s->memory + s->transient > max)
        return fail(s, PB_SCAN_TOO_BIG, "decoding would take more than %zu bytes of memory", max);
    return PB_SCAN_OK;
}

/* What malloc(n) takes from glibc's heap: 8 bytes of header, 16-byte chunks of 32 at least. */
static size_t chunk(size_t n)
{
    size_t c = (n + 8 + 15) & ~(size_t)15;
    return c < 32 ? 32 : c;
}

/* Charges an allocation of n bytes to what the unpacked message keeps. */
static PbScanResult charge(Scan *s, size_t n)
{
    return charge_to(s, &s->memory, chunk(n));
}

static int read_varint(Cursor *c, uint64_t *value)
{
    uint64_t v = 0;
    for (int shift = 0; shift <= 63 && c->p < c->end; shift += 7) {
        uint8_t b = *c->p++;
        if (shift == 63 && b > 1)
            return -1;
        v |= (uint64_t)(b & 0x7f) << shift;
        if (!(b & 0x80)) {
            *value = v;
            return 0;
        }
    }
    return -1;
}

/* Appends ".name" (or "name" at the root) to a path; returns the old length to restore. */
static size_t push(char *path, size_t *len, size_t size, const char *name, long index)
{
    size_t old = *len;
    int n = index >= 0 ? snprintf(path + old, size - old, "%s%s[%ld]", old ? "." : "", name, index)
                       : snprintf(path + old, size - old, "%s%s", old ? "." : "", name);
    *len = n > 0 && old + (size_t)n < size ? old + (size_t)n : size - 1;
    return old;
}

static void pop(char *path, size_t *len, size_t old)
{
    *len = old;
    path[old] = '\0';
}

static size_t element_bytes(const ProtobufCFieldDescriptor *f)
{
    switch (f->type) {
    case PROTOBUF_C_TYPE_INT64: case PROTOBUF_C_TYPE_SINT64: case PROTOBUF_C_TYPE_SFIXED64:
    case PROTOBUF_C_TYPE_UINT64: case PROTOBUF_C_TYPE_FIXED64: case PROTOBUF_C_TYPE_DOUBLE:
        return 8;
    case PROTOBUF_C_TYPE_STRING: case PROTOBUF_C_TYPE_MESSAGE:
        return sizeof(void *);
    case PROTOBUF_C_TYPE_BYTES:
        return sizeof(ProtobufCBinaryData);
    default:
        return 4;
    }
}

static int is_length_delimited_type(const ProtobufCFieldDescriptor *f)
{
    return f->type == PROTOBUF_C_TYPE_STRING || f->type == PROTOBUF_C_TYPE_BYTES ||
           f->type == PROTOBUF_C_TYPE_MESSAGE;
}

/* Entries in a packed repeated field of len bytes. */
static size_t packed_entries(const ProtobufCFieldDescriptor *f, const uint8_t *p, size_t len)
{
    switch (f->type) {
    case PROTOBUF_C_TYPE_FIXED32: case PROTOBUF_C_TYPE_SFIXED32: case PROTOBUF_C_TYPE_FLOAT:
        return len / 4;
    case PROTOBUF_C_TYPE_FIXED64: case PROTOBUF_C_TYPE_SFIXED64: case PROTOBUF_C_TYPE_DOUBLE:
        return len / 8;
    default: {
        size_t n = 0;
        for (size_t i = 0; i < len; i++)
            n += p[i] < 0x80;
        return n;
    }
    }
}

/* 1 when a varint fits the field's C type (protobuf-c would silently keep the low 32 bits). */
static int varint_fits(const ProtobufCFieldDescriptor *f, uint64_t v)
{
    switch (f->type) {
    case PROTOBUF_C_TYPE_UINT32: case PROTOBUF_C_TYPE_SINT32:
        return v <= UINT32_MAX;
    case PROTOBUF_C_TYPE_INT32: case PROTOBUF_C_TYPE_ENUM:
        return (int64_t)v >= INT32_MIN && (int64_t)v <= INT32_MAX;
    default:
        return 1;
    }
}

static int find_limit(const Scan *s)
{
    for (int i = 0; i < s->limits->n_counts && i < MAX_COUNT_LIMITS; i++)
        if (!strcmp(s->limits->counts[i].field, s->names))
            return i;
    return NO_LIMIT;
}

/* Adds entries to field f of this message and checks them against its count limit; s->where
 * names the field. */
static PbScanResult count_entries(Scan *s, MessageCounts *m, int index, size_t entries)
{
    if (m->entries[index] == 0 && charge(s, 0) != PB_SCAN_OK)     /* the array's header */
        return PB_SCAN_TOO_BIG;
    m->entries[index] += entries;
    if (m->limit[index] == NOT_LOOKED_UP)
        m->limit[index] = (signed char)find_limit(s);
    if (m->limit[index] == NO_LIMIT)
        return PB_SCAN_OK;
    const PbCountLimit *limit = &s->limits->counts[(int)m->limit[index]];
    size_t total = s->totals[(int)m->limit[index]] += entries;
    if (limit->max_each && m->entries[index] > limit->max_each)
        return fail(s, PB_SCAN_INVALID, "more than %zu entries, the most %s may have",
                    limit->max_each, limit->what);
    if (limit->max_total && total > limit->max_total)
        return fail(s, PB_SCAN_INVALID, "more than %zu entries of %s in all, the most a message may have",
                    limit->max_total, limit->field);
    return PB_SCAN_OK;
}

static PbScanResult scan_message(Scan *s, const ProtobufCMessageDescriptor *desc, const uint8_t *data,
                                 size_t len, int depth);

/* One occurrence of a known field: its entries, its string or its nested message. */
static PbScanResult scan_field(Scan *s, const ProtobufCMessageDescriptor *desc, MessageCounts *m,
                               const ProtobufCFieldDescriptor *f, int wire, uint64_t varint,
                               const uint8_t *bytes, size_t len, int depth)
{
    int index = (int)(f - desc->fields);
    int repeated = f->label == PROTOBUF_C_LABEL_REPEATED;
    size_t entries = wire == PROTOBUF_C_WIRE_TYPE_LENGTH_PREFIXED && !is_length_delimited_type(f)
                         ? packed_entries(f, bytes, len) : 1;
    size_t names_before = push(s->names, &s->names_len, sizeof s->names, f->name, -1);
    size_t where_before = push(s->where, &s->where_len, sizeof s->where, f->name, -1);
    PbScanResult r = PB_SCAN_OK;
    if (repeated) {             /* a count error names the field; anything else, the entry */
        r = count_entries(s, m, index, entries);
        pop(s->where, &s->where_len, where_before);
        push(s->where, &s->where_len, sizeof s->where, f->name, (long)(m->entries[index] - entries));
    }
    if (r == PB_SCAN_OK && repeated)
        r = charge_to(s, &s->memory, entries * element_bytes(f));
    if (r == PB_SCAN_OK && wire == PROTOBUF_C_WIRE_TYPE_VARINT && !varint_fits(f, varint))
        r = fail(s, PB_SCAN_INVALID, "%llu does not fit in 32 bits", (unsigned long long)varint);
    if (r == PB_SCAN_OK && wire == PROTOBUF_C_WIRE_TYPE_LENGTH_PREFIXED) {
        if (f->type == PROTOBUF_C_TYPE_STRING && memchr(bytes, 0, len))
            r = fail(s, PB_SCAN_INVALID, "contains a NUL byte; text may not");
        else if (f->type == PROTOBUF_C_TYPE_STRING || f->type == PROTOBUF_C_TYPE_BYTES)
            r = charge(s, len + 1);
        else if (f->type == PROTOBUF_C_TYPE_MESSAGE)
            r = scan_message(s, f->descriptor, bytes, len, depth + 1);
    }
    pop(s->names, &s->names_len, names_before);
    pop(s->where, &s->where_len, where_before);
    return r;
}

/* Reads one field's key and value; *bytes and *len for length-delimited values. */
static PbScanResult read_field(Scan *s, Cursor *c, uint32_t *number, int *wire, uint64_t *varint,
                               const uint8_t **bytes, size_t *len)
{
    uint64_t key = 0;
    if (read_varint(c, &key) < 0 || (key >> 3) == 0 || (key >> 3) > 0x1fffffff)
        return fail(s, PB_SCAN_INVALID, "malformed field key (cut short, or field number 0)");
    *number = (uint32_t)(key >> 3);
    *wire = (int)(key & 7);
    size_t fixed = *wire == PROTOBUF_C_WIRE_TYPE_64BIT ? 8 : *wire == PROTOBUF_C_WIRE_TYPE_32BIT ? 4 : 0;
    if (*wire == PROTOBUF_C_WIRE_TYPE_VARINT) {
        if (read_varint(c, varint) < 0)
            return fail(s, PB_SCAN_INVALID, "field %u: malformed varint", *number);
    } else if (fixed) {
        if ((size_t)(c->end - c->p) < fixed)
            return fail(s, PB_SCAN_INVALID, "field %u: cut short", *number);
        c->p += fixed;
    } else if (*wire == PROTOBUF_C_WIRE_TYPE_LENGTH_PREFIXED) {
        uint64_t n = 0;
        if (read_varint(c, &n) < 0 || n > (uint64_t)(c->end - c->p))
            return fail(s, PB_SCAN_INVALID, "field %u: length past the end of the message", *number);
        *bytes = c->p;
        *len = (size_t)n;
        c->p += n;
    } else {
        return fail(s, PB_SCAN_INVALID, "field %u: wire type %d (groups or garbage) is not supported",
                    *number, *wire);
    }
    return PB_SCAN_OK;
}

static PbScanResult next_field(Scan *s, const ProtobufCMessageDescriptor *desc, MessageCounts *m,
                               Cursor *c, int depth)
{
    uint32_t number = 0;
    int wire = 0;
    uint64_t varint = 0;
    const uint8_t *bytes = c->p;
    size_t len = 0;
    PbScanResult r = read_field(s, c, &number, &wire, &varint, &bytes, &len);
    if (r == PB_SCAN_OK)
        r = charge_to(s, &s->transient, OCCURRENCE_BYTES);
    if (r == PB_SCAN_OK && s->limits->cancel && ++s->fields_seen % CANCEL_EVERY_FIELDS == 0 &&
        atomic_load(s->limits->cancel))
        r = fail(s, PB_SCAN_CANCELLED, "cancelled while checking the message");
    if (r != PB_SCAN_OK)
        return r;
    const ProtobufCFieldDescriptor *f = protobuf_c_message_descriptor_get_field(desc, number);
    if (f)
        return scan_field(s, desc, m, f, wire, varint, bytes, len, depth);
    s->unknown++;
    if (s->limits->max_unknown && s->unknown > s->limits->max_unknown)
        return fail(s, PB_SCAN_INVALID, "more than %zu unknown fields: is this a %s?",
                    s->limits->max_unknown, desc->name);
    return charge_to(s, &s->memory, UNKNOWN_FIELD_BYTES + chunk(len));
}

static PbScanResult scan_message(Scan *s, const ProtobufCMessageDescriptor *desc, const uint8_t *data,
                                 size_t len, int depth)
{
    if (depth > MAX_DEPTH)
        return fail(s, PB_SCAN_INVALID, "messages nested more than %d deep", MAX_DEPTH);
    if (desc->n_fields > MAX_FIELDS)
        return fail(s, PB_SCAN_INVALID, "%s has more than %d fields: pb_scan cannot check it",
                    desc->name, MAX_FIELDS);
    PbScanResult r = charge(s, desc->sizeof_message);
    MessageCounts m;
    memset(m.entries, 0, sizeof m.entries);
    memset(m.limit, NOT_LOOKED_UP, sizeof m.limit);
    /* protobuf-c gives an empty bytes field as NULL: NULL + 0 is undefined in C (fuzz_frame) */
    Cursor c = {data, data ? data + len : data};
    size_t transient_before = s->transient;
    while (r == PB_SCAN_OK && c.p < c.end)
        r = next_field(s, desc, &m, &c, depth);
    s->transient = transient_before;
    return r;
}

PbScanResult pb_scan(const ProtobufCMessageDescriptor *desc, const uint8_t *data, size_t len,
                     const PbScanLimits *limits, size_t *memory, SrcError *err)
{
    Scan s;
    memset(&s, 0, sizeof s);
    s.limits = limits;
    s.err = err;
    PbScanResult r = scan_message(&s, desc, data, len, 0);
    if (memory)
        *memory = s.peak;
    return r;
}
