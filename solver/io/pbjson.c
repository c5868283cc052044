/* The generic walker between protobuf-c messages and jansson JSON values, driven only by the
 * message descriptors, so every message of the schema gets JSON for free. */
#include "pbjson.h"

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ message -> JSON */

static void *field_ptr(const ProtobufCMessage *msg, unsigned offset)
{
    return (char *)msg + offset;
}

static json_t *scalar_to_json(const ProtobufCFieldDescriptor *f, const void *p)
{
    switch (f->type) {
    case PROTOBUF_C_TYPE_INT32:
    case PROTOBUF_C_TYPE_SINT32:
    case PROTOBUF_C_TYPE_SFIXED32:
        return json_integer(*(const int32_t *)p);
    case PROTOBUF_C_TYPE_UINT32:
    case PROTOBUF_C_TYPE_FIXED32:
        return json_integer(*(const uint32_t *)p);
    case PROTOBUF_C_TYPE_INT64:
    case PROTOBUF_C_TYPE_SINT64:
    case PROTOBUF_C_TYPE_SFIXED64:
        return json_integer(*(const int64_t *)p);
    case PROTOBUF_C_TYPE_UINT64:
    case PROTOBUF_C_TYPE_FIXED64: {
        uint64_t v = *(const uint64_t *)p;
        if (v <= (uint64_t)INT64_MAX)
            return json_integer((json_int_t)v);
        char buf[32];
        snprintf(buf, sizeof buf, "%" PRIu64, v);
        return json_string(buf);
    }
    case PROTOBUF_C_TYPE_FLOAT:
        return json_real(*(const float *)p);
    case PROTOBUF_C_TYPE_DOUBLE: {
        double v = *(const double *)p;
        return isfinite(v) ? json_real(v) : json_string(isnan(v) ? "NaN" : v > 0 ? "Infinity" : "-Infinity");
    }
    case PROTOBUF_C_TYPE_BOOL:
        return json_boolean(*(const protobuf_c_boolean *)p);
    case PROTOBUF_C_TYPE_ENUM: {
        int v = *(const int *)p;
        const ProtobufCEnumValue *ev = protobuf_c_enum_descriptor_get_value(f->descriptor, v);
        return ev ? json_string(ev->name) : json_integer(v);
    }
    case PROTOBUF_C_TYPE_STRING: {
        const char *s = *(char *const *)p;
        return json_string(s ? s : "");
    }
    case PROTOBUF_C_TYPE_BYTES: {
        /* written as a string of the raw bytes only when they are valid UTF-8; bytes are not used
         * by the batch and plan messages */
        const ProtobufCBinaryData *b = p;
        return json_stringn_nocheck((const char *)b->data, b->len);
    }
    case PROTOBUF_C_TYPE_MESSAGE: {
        const ProtobufCMessage *m = *(ProtobufCMessage *const *)p;
        return m ? pbjson_from_message(m) : json_null();
    }
    }
    return json_null();
}

static size_t scalar_size(ProtobufCType type)
{
    switch (type) {
    case PROTOBUF_C_TYPE_INT32: case PROTOBUF_C_TYPE_SINT32: case PROTOBUF_C_TYPE_SFIXED32:
    case PROTOBUF_C_TYPE_UINT32: case PROTOBUF_C_TYPE_FIXED32: case PROTOBUF_C_TYPE_ENUM:
        return 4;
    case PROTOBUF_C_TYPE_INT64: case PROTOBUF_C_TYPE_SINT64: case PROTOBUF_C_TYPE_SFIXED64:
    case PROTOBUF_C_TYPE_UINT64: case PROTOBUF_C_TYPE_FIXED64: case PROTOBUF_C_TYPE_DOUBLE:
        return 8;
    case PROTOBUF_C_TYPE_FLOAT:
        return 4;
    case PROTOBUF_C_TYPE_BOOL:
        return sizeof(protobuf_c_boolean);
    case PROTOBUF_C_TYPE_STRING: case PROTOBUF_C_TYPE_MESSAGE:
        return sizeof(void *);
    case PROTOBUF_C_TYPE_BYTES:
        return sizeof(ProtobufCBinaryData);
    }
    return 0;
}

/* Whether a non-repeated field is present (has_ flag, non-NULL pointer, or required). */
static int field_present(const ProtobufCMessage *msg, const ProtobufCFieldDescriptor *f)
{
    const void *p = field_ptr(msg, f->offset);
    if (f->type == PROTOBUF_C_TYPE_STRING || f->type == PROTOBUF_C_TYPE_MESSAGE)
        return *(void *const *)p != NULL;
    if (f->label == PROTOBUF_C_LABEL_OPTIONAL)
        return *(const protobuf_c_boolean *)field_ptr(msg, f->quantifier_offset);
    if (f->label == PROTOBUF_C_LABEL_NONE)  /* proto3 singular: present unless zero */
        return 1;
    return 1;  /* required */
}

json_t *pbjson_from_message(const ProtobufCMessage *msg)
{
    const ProtobufCMessageDescriptor *d = msg->descriptor;
    json_t *obj = json_object();
    for (unsigned i = 0; obj && i < d->n_fields; i++) {
        const ProtobufCFieldDescriptor *f = &d->fields[i];
        const void *p = field_ptr(msg, f->offset);
        json_t *value;
        if (f->label == PROTOBUF_C_LABEL_REPEATED) {
            size_t n = *(const size_t *)field_ptr(msg, f->quantifier_offset);
            if (n == 0)
                continue;
            const char *items = *(char *const *)p;
            size_t size = scalar_size(f->type);
            value = json_array();
            for (size_t k = 0; value && k < n; k++)
                json_array_append_new(value, scalar_to_json(f, items + k * size));
        } else {
            if (!field_present(msg, f))
                continue;
            value = scalar_to_json(f, p);
        }
        json_object_set_new(obj, f->name, value);
    }
    return obj;
}

/* ------------------------------------------------------------------ JSON -> message */

/* A field path being built up while walking, for error messages. */
typedef struct Path {
    char text[512];
} Path;

static int path_error(SrcError *err, const Path *path, const char *what)
{
    return src_error_set(err, "%s: %s", path->text[0] ? path->text : "(top level)", what);
}

static void path_push_field(Path *path, size_t *saved, const char *name)
{
    *saved = strlen(path->text);
    snprintf(path->text + *saved, sizeof path->text - *saved, "%s%s", *saved ? "." : "", name);
}

static void path_push_index(Path *path, size_t *saved, size_t index)
{
    *saved = strlen(path->text);
    snprintf(path->text + *saved, sizeof path->text - *saved, "[%zu]", index);
}

static void path_pop(Path *path, size_t saved)
{
    path->text[saved] = '\0';
}

static int json_to_int(const json_t *j, int64_t lo, int64_t hi, int64_t *out)
{
    if (json_is_integer(j)) {
        *out = json_integer_value(j);
    } else if (json_is_real(j)) {
        double v = json_real_value(j);
        if (v != floor(v) || v < -9.2e18 || v > 9.2e18)
            return -1;
        *out = (int64_t)v;
    } else if (json_is_string(j)) {
        const char *s = json_string_value(j);
        char *end;
        errno = 0;
        long long v = strtoll(s, &end, 10);
        if (errno || end == s || *end)
            return -1;
        *out = v;
    } else {
        return -1;
    }
    return *out < lo || *out > hi ? -1 : 0;
}

static int json_to_double(const json_t *j, double *out)
{
    if (json_is_number(j)) {
        *out = json_number_value(j);
        return 0;
    }
    if (json_is_string(j)) {
        const char *s = json_string_value(j);
        if (!strcmp(s, "NaN")) *out = NAN;
        else if (!strcmp(s, "Infinity")) *out = INFINITY;
        else if (!strcmp(s, "-Infinity")) *out = -INFINITY;
        else {
            char *end;
            *out = strtod(s, &end);
            if (end == s || *end)
                return -1;
        }
        return 0;
    }
    return -1;
}

static ProtobufCMessage *message_from_object(const json_t *json, const ProtobufCMessageDescriptor *d,
                                             Path *path, SrcError *err);

/* Converts one JSON value into the field's storage at p. */
static int scalar_from_json(const ProtobufCFieldDescriptor *f, const json_t *j, void *p,
                            Path *path, SrcError *err)
{
    int64_t iv;
    double dv;
    switch (f->type) {
    case PROTOBUF_C_TYPE_INT32: case PROTOBUF_C_TYPE_SINT32: case PROTOBUF_C_TYPE_SFIXED32:
        if (json_to_int(j, INT32_MIN, INT32_MAX, &iv))
            return path_error(err, path, "expected a 32-bit integer");
        *(int32_t *)p = (int32_t)iv;
        return 0;
    case PROTOBUF_C_TYPE_UINT32: case PROTOBUF_C_TYPE_FIXED32:
        if (json_to_int(j, 0, UINT32_MAX, &iv))
            return path_error(err, path, "expected a non-negative 32-bit integer");
        *(uint32_t *)p = (uint32_t)iv;
        return 0;
    case PROTOBUF_C_TYPE_INT64: case PROTOBUF_C_TYPE_SINT64: case PROTOBUF_C_TYPE_SFIXED64:
        if (json_to_int(j, INT64_MIN, INT64_MAX, &iv))
            return path_error(err, path, "expected an integer");
        *(int64_t *)p = iv;
        return 0;
    case PROTOBUF_C_TYPE_UINT64: case PROTOBUF_C_TYPE_FIXED64:
        if (json_to_int(j, 0, INT64_MAX, &iv))
            return path_error(err, path, "expected a non-negative integer");
        *(uint64_t *)p = (uint64_t)iv;
        return 0;
    case PROTOBUF_C_TYPE_FLOAT:
        if (json_to_double(j, &dv))
            return path_error(err, path, "expected a number");
        *(float *)p = (float)dv;
        return 0;
    case PROTOBUF_C_TYPE_DOUBLE:
        if (json_to_double(j, &dv))
            return path_error(err, path, "expected a number");
        *(double *)p = dv;
        return 0;
    case PROTOBUF_C_TYPE_BOOL:
        if (!json_is_boolean(j))
            return path_error(err, path, "expected true or false");
        *(protobuf_c_boolean *)p = json_is_true(j);
        return 0;
    case PROTOBUF_C_TYPE_ENUM: {
        const ProtobufCEnumValue *ev = NULL;
        if (json_is_string(j))
            ev = protobuf_c_enum_descriptor_get_value_by_name(f->descriptor, json_string_value(j));
        else if (json_is_integer(j) && json_integer_value(j) >= INT32_MIN && json_integer_value(j) <= INT32_MAX)
            ev = protobuf_c_enum_descriptor_get_value(f->descriptor, (int)json_integer_value(j));
        if (!ev) {
            const ProtobufCEnumDescriptor *ed = f->descriptor;
            char what[256];
            size_t used = (size_t)snprintf(what, sizeof what, "expected one of");
            for (unsigned k = 0; k < ed->n_values && used < sizeof what; k++)
                used += (size_t)snprintf(what + used, sizeof what - used, " %s", ed->values[k].name);
            return path_error(err, path, what);
        }
        *(int *)p = ev->value;
        return 0;
    }
    case PROTOBUF_C_TYPE_STRING: {
        if (!json_is_string(j))
            return path_error(err, path, "expected a string");
        size_t len = json_string_length(j);
        if (memchr(json_string_value(j), '\0', len))
            return path_error(err, path, "string contains a NUL character");
        char *s = strdup(json_string_value(j));
        if (!s)
            return path_error(err, path, "out of memory");
        *(char **)p = s;
        return 0;
    }
    case PROTOBUF_C_TYPE_BYTES: {
        if (!json_is_string(j))
            return path_error(err, path, "expected a string");
        ProtobufCBinaryData *b = p;
        b->len = json_string_length(j);
        b->data = malloc(b->len ? b->len : 1);
        if (!b->data)
            return path_error(err, path, "out of memory");
        memcpy(b->data, json_string_value(j), b->len);
        return 0;
    }
    case PROTOBUF_C_TYPE_MESSAGE: {
        if (!json_is_object(j))
            return path_error(err, path, "expected an object");
        ProtobufCMessage *m = message_from_object(j, f->descriptor, path, err);
        if (!m)
            return -1;
        *(ProtobufCMessage **)p = m;
        return 0;
    }
    }
    return path_error(err, path, "unsupported field type");
}

static int repeated_from_json(const ProtobufCFieldDescriptor *f, const json_t *j, ProtobufCMessage *msg,
                              Path *path, SrcError *err)
{
    if (!json_is_array(j))
        return path_error(err, path, "expected an array");
    size_t n = json_array_size(j), size = scalar_size(f->type);
    if (n == 0)
        return 0;
    char *items = calloc(n, size);
    if (!items)
        return path_error(err, path, "out of memory");
    *(char **)field_ptr(msg, f->offset) = items;
    size_t *count = field_ptr(msg, f->quantifier_offset);
    for (size_t k = 0; k < n; k++) {
        size_t saved;
        path_push_index(path, &saved, k);
        int rc = scalar_from_json(f, json_array_get(j, k), items + k * size, path, err);
        path_pop(path, saved);
        if (rc)
            return -1;
        *count = k + 1;  /* only converted items are freed later */
    }
    return 0;
}

static int field_from_json(const ProtobufCFieldDescriptor *f, const json_t *j, ProtobufCMessage *msg,
                           Path *path, SrcError *err)
{
    if (json_is_null(j))
        return 0;  /* null means absent, as in protobuf's JSON mapping */
    if (f->label == PROTOBUF_C_LABEL_REPEATED)
        return repeated_from_json(f, j, msg, path, err);
    if (scalar_from_json(f, j, field_ptr(msg, f->offset), path, err))
        return -1;
    if (f->label == PROTOBUF_C_LABEL_OPTIONAL && f->type != PROTOBUF_C_TYPE_STRING &&
        f->type != PROTOBUF_C_TYPE_MESSAGE)
        *(protobuf_c_boolean *)field_ptr(msg, f->quantifier_offset) = 1;
    return 0;
}

/* Whether key is name in protobuf's lowerCamelCase JSON name: each '_' dropped and the letter
 * after it upper-cased ("node_id" -> "nodeId"). */
static int is_camel_name(const char *key, const char *name)
{
    for (; *name; name++) {
        if (*name == '_' && name[1]) {
            name++;
            if (*key++ != (*name >= 'a' && *name <= 'z' ? *name - 'a' + 'A' : *name))
                return 0;
        } else if (*key++ != *name) {
            return 0;
        }
    }
    return *key == '\0';
}

/* The field a JSON key names: its proto name or its lowerCamelCase JSON name, both of which a
 * parser must accept (protobuf's JSON mapping; Python's json_format and Java's JsonFormat print
 * the latter by default). NULL for an unknown key. */
static const ProtobufCFieldDescriptor *field_by_key(const ProtobufCMessageDescriptor *d, const char *key)
{
    const ProtobufCFieldDescriptor *f = protobuf_c_message_descriptor_get_field_by_name(d, key);
    for (unsigned i = 0; !f && i < d->n_fields; i++)
        if (is_camel_name(key, d->fields[i].name))
            f = &d->fields[i];
    return f;
}

static int path_error_given_twice(SrcError *err, const Path *path, const char *first_key)
{
    char what[192];
    snprintf(what, sizeof what, "given twice (also as \"%s\")", first_key);
    return path_error(err, path, what);
}

static ProtobufCMessage *message_from_object(const json_t *json, const ProtobufCMessageDescriptor *d,
                                             Path *path, SrcError *err)
{
    if (!json_is_object(json)) {
        path_error(err, path, "expected an object");
        return NULL;
    }
    ProtobufCMessage *msg = malloc(d->sizeof_message);
    if (!msg) {
        path_error(err, path, "out of memory");
        return NULL;
    }
    d->message_init(msg);
    const char **seen_as = calloc(d->n_fields + 1, sizeof *seen_as);  /* the key each field came as */
    int rc = seen_as ? 0 : path_error(err, path, "out of memory");
    const char *key;
    json_t *value;
    json_object_foreach((json_t *)json, key, value) {
        if (rc)
            break;
        size_t saved;
        path_push_field(path, &saved, key);
        const ProtobufCFieldDescriptor *f = field_by_key(d, key);
        if (!f)
            rc = path_error(err, path, "unknown field");
        else if (seen_as[f - d->fields])
            rc = path_error_given_twice(err, path, seen_as[f - d->fields]);
        else
            rc = field_from_json(f, value, msg, path, err);
        if (f)
            seen_as[f - d->fields] = key;
        path_pop(path, saved);
    }
    free(seen_as);
    if (rc) {
        protobuf_c_message_free_unpacked(msg, NULL);
        return NULL;
    }
    return msg;
}

ProtobufCMessage *pbjson_to_message(const json_t *json, const ProtobufCMessageDescriptor *desc,
                                    SrcError *err)
{
    Path path = {{0}};
    return message_from_object(json, desc, &path, err);
}
