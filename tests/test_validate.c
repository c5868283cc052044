/* src_validate_batch: one case per rule with the exact message, a valid batch passing, the size
 * limits, and a 200k-order batch built in memory. Batches are written in JSON with ' for ". */
#include <stdint.h>
#include <stdlib.h>

#include "batch_io.h"
#include "test.h"
#include "validate.h"

#define VALID "(valid)"

/* JSON with every ' turned into ", so that cases stay readable. */
static char *unquote(const char *text)
{
    char *json = strdup(text);
    for (char *c = json; *c; c++)
        if (*c == '\'')
            *c = '"';
    return json;
}

static Sourcing__Batch *parse(const char *text)
{
    char *json = unquote(text);
    SrcError err = {{0}};
    Sourcing__Batch *b = (Sourcing__Batch *)src_message_from_json(json, strlen(json), &sourcing__batch__descriptor, &err);
    if (!b)
        printf("#   cannot parse %s: %s\n", json, err.message);
    free(json);
    return b;
}

/* The validator's verdict on b: VALID or its message. */
static const char *verdict(const Sourcing__Batch *b, SrcError *err)
{
    memset(err->message, 0, sizeof err->message);
    int rc = src_validate_batch(b, err);
    if (rc == 0)
        return VALID;
    return rc == -1 && err->message[0] ? err->message : "(bad return value or empty message)";
}

static void expect_json(const char *text, const char *expected, int line)
{
    Sourcing__Batch *b = parse(text);
    SrcError err;
    const char *got = b ? verdict(b, &err) : "(unparsable)";
    CHECK_MSG(!strcmp(got, expected), "line %d: expected \"%s\", got \"%s\"", line, expected, got);
    src_batch_free(b);
}
#define EXPECT(text, expected) expect_json((text), (expected), __LINE__)

static void expect_batch(const Sourcing__Batch *b, const char *expected, int line)
{
    SrcError err;
    const char *got = verdict(b, &err);
    CHECK_MSG(!strcmp(got, expected), "line %d: expected \"%s\", got \"%s\"", line, expected, got);
}
#define EXPECT_BATCH(b, expected) expect_batch((b), (expected), __LINE__)

static void replace_string(char **field, const char *value)
{
    free(*field);
    *field = strdup(value);
}

static const char *BASE =
    "{'name':'base','default_unfilled_cost':50,"
    "'options':{'time_limit':5,'gap':0.01,'strategy':'mip'},"
    "'nodes':[{'id':'dc1','activation_cost':10,'shipment_cost':1,'unit_cost':0.5,'processing_days':1,"
    "          'max_shipments':5,'max_units':100,'inventory':[{'sku':'a','quantity':5,'unit_cost':0.1},{'sku':'b','quantity':0}]},"
    "         {'id':'store2','inventory':[{'sku':'a','quantity':3}]}],"
    "'lanes':[{'node_id':'dc1','zone':'z1','carrier':'ups','transit_days':2,'shipment_cost':5,'cost_per_kg':0.3,'max_weight_kg':30},"
    "         {'node_id':'dc1','zone':'z1','carrier':'dhl','transit_days':1},"
    "         {'node_id':'store2','zone':'z1','carrier':'ups'}],"
    "'carrier_limits':[{'node_id':'dc1','carrier':'ups','max_shipments':3},{'node_id':'store2','carrier':'ups'}],"
    "'orders':[{'id':'o1','zone':'z1','due_days':3,'sla':'HARD','max_shipments':1,'split_cost':2,'late_cost_per_day':1,"
    "           'eligible_nodes':['dc1','store2'],"
    "           'lines':[{'sku':'a','quantity':2,'unit_weight_kg':1.5},{'sku':'a','quantity':1,'unfilled_cost':0}]},"
    "          {'id':'o2','zone':'z9'}]}";

/* ---------------------------------------------------------------- valid batches */

TEST(valid_batch_passes)
{
    EXPECT(BASE, VALID);
    EXPECT("{}", VALID);
    EXPECT("{'name':''}", VALID);
}

TEST(unicode_names_pass)
{
    EXPECT("{'nodes':[{'id':'dépôt'},{'id':'倉庫'},{'id':'\\ud83d\\udce6'}],"
           "'orders':[{'id':'o','zone':'zône','eligible_nodes':['倉庫']}]}", VALID);
}

TEST(an_order_may_repeat_a_sku_and_may_have_no_lines)
{
    EXPECT("{'orders':[{'id':'o','zone':'z','lines':[{'sku':'a','quantity':1},{'sku':'a','quantity':2}]},"
           "{'id':'p','zone':'z','lines':[]}]}", VALID);
}

TEST(zeros_and_limits_are_allowed)
{
    EXPECT("{'nodes':[{'id':'n','processing_days':3650,'max_units':1000000000,'unit_cost':1e12,"
           "'inventory':[{'sku':'a','quantity':1000000000}]}],"
           "'lanes':[{'node_id':'n','zone':'z','carrier':'c','transit_days':0,'max_weight_kg':0}],"
           "'orders':[{'id':'o','zone':'z','due_days':0,'max_shipments':0,'lines':[{'sku':'a','quantity':0}]}],"
           "'default_unfilled_cost':0,'options':{'time_limit':86400,'gap':1}}", VALID);
}

/* ---------------------------------------------------------------- ids and names */

TEST(node_id_is_required_and_unique)
{
    EXPECT("{'nodes':[{'id':'a'},{'id':'b'},{}]}", "nodes[2].id: required");
    EXPECT("{'nodes':[{'id':''}]}", "nodes[0].id: must not be empty");
    EXPECT("{'nodes':[{'id':'a'},{'id':'dc1'},{'id':'b'},{'id':'c'},{'id':'d'},{'id':'dc1'}]}",
           "nodes[5].id: duplicate id 'dc1' (also nodes[1])");
}

TEST(order_id_is_required_and_unique)
{
    EXPECT("{'orders':[{'zone':'z'}]}", "orders[0].id: required");
    EXPECT("{'orders':[{'id':'o1','zone':'z'},{'id':'o2','zone':'z'},{'id':'o1','zone':'z'}]}",
           "orders[2].id: duplicate id 'o1' (also orders[0])");
}

TEST(node_and_order_may_share_an_id)
{
    EXPECT("{'nodes':[{'id':'x'}],'orders':[{'id':'x','zone':'z'}]}", VALID);
}

TEST(names_are_bounded_in_length)
{
    char json[1024], id[300];
    memset(id, 'x', 256);
    id[256] = '\0';
    snprintf(json, sizeof json, "{'nodes':[{'id':'%s'}]}", id);
    EXPECT(json, VALID);
    strcat(id, "x");
    snprintf(json, sizeof json, "{'nodes':[{'id':'%s'}]}", id);
    EXPECT(json, "nodes[0].id: must be at most 256 bytes");
    id[255] = '\0';
    snprintf(json, sizeof json, "{'orders':[{'id':'o','zone':'%s\xc3\xa9'}]}", id);  /* 255 + 2 bytes */
    EXPECT(json, "orders[0].zone: must be at most 256 bytes");
}

TEST(names_refuse_control_characters)
{
    EXPECT("{'orders':[{'id':'o\\u0001'}]}", "orders[0].id: must not contain control characters");
    EXPECT("{'nodes':[{'id':'a\\tb'}]}", "nodes[0].id: must not contain control characters");
    EXPECT("{'nodes':[{'id':'a\\u007f'}]}", "nodes[0].id: must not contain control characters");
    EXPECT("{'name':'line\\nbreak'}", "name: must not contain control characters");
}

TEST(names_must_be_utf8)
{
    static const char *const bad[] = {"d\xff", "\xc0\xaf", "\xed\xa0\x80", "\xe2\x82", "\xf4\x90\x80\x80", "\x80"};
    Sourcing__Batch *b = parse("{'nodes':[{'id':'n'}]}");
    if (!b)
        return;
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        replace_string(&b->nodes[0]->id, bad[i]);
        EXPECT_BATCH(b, "nodes[0].id: must be valid UTF-8");
    }
    replace_string(&b->nodes[0]->id, "\xf0\x9f\x93\xa6");
    EXPECT_BATCH(b, VALID);
    src_batch_free(b);
}

/* ---------------------------------------------------------------- nodes */

TEST(node_costs_are_finite_and_non_negative)
{
    EXPECT("{'nodes':[{'id':'n','activation_cost':-1}]}", "nodes[0].activation_cost: must be >= 0");
    EXPECT("{'nodes':[{'id':'n','shipment_cost':'NaN'}]}", "nodes[0].shipment_cost: must be a finite number");
    EXPECT("{'nodes':[{'id':'n','unit_cost':'Infinity'}]}", "nodes[0].unit_cost: must be a finite number");
    EXPECT("{'nodes':[{'id':'n','unit_cost':'-Infinity'}]}", "nodes[0].unit_cost: must be a finite number");
    EXPECT("{'nodes':[{'id':'n','activation_cost':2e12}]}", "nodes[0].activation_cost: must be <= 1e+12");
}

TEST(node_days_and_capacities_are_bounded)
{
    EXPECT("{'nodes':[{'id':'n','processing_days':-1}]}", "nodes[0].processing_days: must be >= 0");
    EXPECT("{'nodes':[{'id':'n','processing_days':3651}]}", "nodes[0].processing_days: must be <= 3650");
    EXPECT("{'nodes':[{'id':'n','max_shipments':-2}]}", "nodes[0].max_shipments: must be >= 0");
    EXPECT("{'nodes':[{'id':'n','max_units':1000000001}]}", "nodes[0].max_units: must be <= 1000000000");
}

TEST(inventory_skus_are_required_and_unique_per_node)
{
    EXPECT("{'nodes':[{'id':'n','inventory':[{'quantity':1}]}]}", "nodes[0].inventory[0].sku: required");
    EXPECT("{'nodes':[{'id':'n','inventory':[{'sku':'b'},{'sku':'a'},{'sku':'c'},{'sku':'a'}]}]}",
           "nodes[0].inventory[3].sku: sku 'a' listed twice (also inventory[1])");
    EXPECT("{'nodes':[{'id':'n','inventory':[{'sku':'a'}]},{'id':'m','inventory':[{'sku':'a'}]}]}", VALID);
}

TEST(inventory_numbers_are_bounded)
{
    EXPECT("{'nodes':[{'id':'n','inventory':[{'sku':'a','quantity':-5}]}]}",
           "nodes[0].inventory[0].quantity: must be >= 0");
    EXPECT("{'nodes':[{'id':'n'},{'id':'m','inventory':[{'sku':'a'},{'sku':'b','quantity':1000000001}]}]}",
           "nodes[1].inventory[1].quantity: must be <= 1000000000");
    EXPECT("{'nodes':[{'id':'n','inventory':[{'sku':'a','unit_cost':'Infinity'}]}]}",
           "nodes[0].inventory[0].unit_cost: must be a finite number");
    EXPECT("{'nodes':[{'id':'n','inventory':[{'sku':'a','unit_cost':-0.5}]}]}",
           "nodes[0].inventory[0].unit_cost: must be >= 0");
}

/* ---------------------------------------------------------------- lanes and carrier limits */

#define NODES_DC1_DC2 "'nodes':[{'id':'dc1'},{'id':'dc2'}]"

TEST(lane_node_must_exist)
{
    EXPECT("{" NODES_DC1_DC2 ",'lanes':[{'node_id':'dc1','zone':'z','carrier':'a'},{'node_id':'dc1','zone':'z','carrier':'b'},"
           "{'node_id':'dc2','zone':'z','carrier':'a'},{'node_id':'x','zone':'z','carrier':'a'}]}",
           "lanes[3].node_id: unknown node 'x'");
    EXPECT("{'lanes':[{'zone':'z','carrier':'a'}]}", "lanes[0].node_id: required");
    EXPECT("{'lanes':[{'node_id':'dc1','zone':'z','carrier':'a'}]}", "lanes[0].node_id: unknown node 'dc1'");
}

TEST(lane_zone_and_carrier_are_required)
{
    EXPECT("{" NODES_DC1_DC2 ",'lanes':[{'node_id':'dc1','carrier':'a'}]}", "lanes[0].zone: required");
    EXPECT("{" NODES_DC1_DC2 ",'lanes':[{'node_id':'dc1','zone':'z','carrier':''}]}", "lanes[0].carrier: must not be empty");
}

TEST(lane_names_are_unique)
{
    EXPECT("{" NODES_DC1_DC2 ",'lanes':[{'node_id':'dc1','zone':'z','carrier':'a'},{'node_id':'dc2','zone':'z','carrier':'a'},"
           "{'node_id':'dc1','zone':'y','carrier':'a'},{'node_id':'dc1','zone':'z','carrier':'b'},"
           "{'node_id':'dc1','zone':'z','carrier':'a','transit_days':3}]}",
           "lanes[4]: duplicate lane node_id 'dc1', zone 'z', carrier 'a' (also lanes[0])");
}

TEST(lane_numbers_are_bounded)
{
    const char *lane = "{" NODES_DC1_DC2 ",'lanes':[{'node_id':'dc1','zone':'z','carrier':'a',%s}]}";
    static const struct { const char *field, *message; } cases[] = {
        {"'transit_days':-1", "lanes[0].transit_days: must be >= 0"},
        {"'transit_days':3651", "lanes[0].transit_days: must be <= 3650"},
        {"'shipment_cost':'NaN'", "lanes[0].shipment_cost: must be a finite number"},
        {"'cost_per_kg':-0.01", "lanes[0].cost_per_kg: must be >= 0"},
        {"'max_weight_kg':1e13", "lanes[0].max_weight_kg: must be <= 1e+12"},
        {"'max_weight_kg':'Infinity'", "lanes[0].max_weight_kg: must be a finite number"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char json[512];
        snprintf(json, sizeof json, lane, cases[i].field);
        EXPECT(json, cases[i].message);
    }
}

TEST(carrier_limits_resolve_and_are_unique)
{
    EXPECT("{" NODES_DC1_DC2 ",'carrier_limits':[{'node_id':'dc1','carrier':'a'},{'node_id':'nowhere','carrier':'a'}]}",
           "carrier_limits[1].node_id: unknown node 'nowhere'");
    EXPECT("{" NODES_DC1_DC2 ",'carrier_limits':[{'carrier':'a'}]}", "carrier_limits[0].node_id: required");
    EXPECT("{" NODES_DC1_DC2 ",'carrier_limits':[{'node_id':'dc1'}]}", "carrier_limits[0].carrier: required");
    EXPECT("{" NODES_DC1_DC2 ",'carrier_limits':[{'node_id':'dc1','carrier':'a'},{'node_id':'dc2','carrier':'a'},"
           "{'node_id':'dc1','carrier':'b'},{'node_id':'dc1','carrier':'a','max_shipments':4}]}",
           "carrier_limits[3]: duplicate carrier limit node_id 'dc1', carrier 'a' (also carrier_limits[0])");
}

TEST(carrier_limit_capacity_is_bounded)
{
    EXPECT("{" NODES_DC1_DC2 ",'carrier_limits':[{'node_id':'dc1','carrier':'a','max_shipments':-1}]}",
           "carrier_limits[0].max_shipments: must be >= 0");
    EXPECT("{" NODES_DC1_DC2 ",'carrier_limits':[{'node_id':'dc1','carrier':'a','max_shipments':'1000000001'}]}",
           "carrier_limits[0].max_shipments: must be <= 1000000000");
}

/* ---------------------------------------------------------------- orders and lines */

TEST(order_fields_are_checked)
{
    EXPECT("{'orders':[{'id':'o'}]}", "orders[0].zone: required");
    EXPECT("{'orders':[{'id':'o','zone':'z','due_days':-1}]}", "orders[0].due_days: must be >= 0");
    EXPECT("{'orders':[{'id':'o','zone':'z','due_days':4000}]}", "orders[0].due_days: must be <= 3650");
    EXPECT("{'orders':[{'id':'o','zone':'z','late_cost_per_day':'NaN'}]}",
           "orders[0].late_cost_per_day: must be a finite number");
    EXPECT("{'orders':[{'id':'o','zone':'z','split_cost':-3}]}", "orders[0].split_cost: must be >= 0");
    EXPECT("{'orders':[{'id':'o','zone':'z','max_shipments':-1}]}", "orders[0].max_shipments: must be >= 0");
    EXPECT("{'orders':[{'id':'o','zone':'z','max_shipments':1000000001}]}",
           "orders[0].max_shipments: must be <= 1000000000");
}

TEST(order_priority_is_within_its_range)
{
    EXPECT("{'orders':[{'id':'o','zone':'z','priority':0.01},{'id':'p','zone':'z','priority':1000}]}", VALID);
    EXPECT("{'orders':[{'id':'o','zone':'z','priority':0}]}", "orders[0].priority: must be within 0.01..1000, got 0");
    EXPECT("{'orders':[{'id':'o','zone':'z'},{'id':'p','zone':'z','priority':1000.5}]}",
           "orders[1].priority: must be within 0.01..1000, got 1000.5");
    EXPECT("{'orders':[{'id':'o','zone':'z','priority':-2}]}", "orders[0].priority: must be within 0.01..1000, got -2");
    EXPECT("{'orders':[{'id':'o','zone':'z','priority':'NaN'}]}",
           "orders[0].priority: must be within 0.01..1000, got nan");
}

TEST(order_sla_must_be_known)
{
    /* JSON names are checked by the reader; a binary message can carry any number. */
    Sourcing__Batch *b = parse("{'orders':[{'id':'o','zone':'z','sla':'HARD'}]}");
    if (!b)
        return;
    EXPECT_BATCH(b, VALID);
    b->orders[0]->sla = (Sourcing__Sla)7;
    EXPECT_BATCH(b, "orders[0].sla: unknown value 7 (expected SOFT or HARD)");
    b->orders[0]->has_sla = 0;
    b->orders[0]->sla = 0;
    EXPECT_BATCH(b, VALID);
    src_batch_free(b);
}

TEST(binary_messages_are_checked_too)
{
    /* protobuf-c accepts any enum number and any double; the validator must not. */
    static const uint8_t sla_7[] = {0x2a, 8, 0x0a, 1, 'o', 0x12, 1, 'z', 0x20, 7};
    static const uint8_t nan_default[] = {0x31, 0, 0, 0, 0, 0, 0, 0xf8, 0x7f};
    Sourcing__Batch *b = sourcing__batch__unpack(NULL, sizeof sla_7, sla_7);
    CHECK(b != NULL);
    if (b)
        EXPECT_BATCH(b, "orders[0].sla: unknown value 7 (expected SOFT or HARD)");
    sourcing__batch__free_unpacked(b, NULL);
    b = sourcing__batch__unpack(NULL, sizeof nan_default, nan_default);
    CHECK(b != NULL);
    if (b)
        EXPECT_BATCH(b, "default_unfilled_cost: must be a finite number");
    sourcing__batch__free_unpacked(b, NULL);
}

TEST(eligible_nodes_must_exist)
{
    EXPECT("{" NODES_DC1_DC2 ",'orders':[{'id':'o','zone':'z','eligible_nodes':['dc2','dc1']},"
           "{'id':'p','zone':'z','eligible_nodes':['z']}]}",
           "orders[1].eligible_nodes[0]: unknown node 'z'");
    EXPECT("{" NODES_DC1_DC2 ",'orders':[{'id':'o','zone':'z','eligible_nodes':['dc1','']}]}",
           "orders[0].eligible_nodes[1]: must not be empty");
}

TEST(line_fields_are_checked)
{
    EXPECT("{'orders':[{'id':'o','zone':'z','lines':[{'quantity':1}]}]}", "orders[0].lines[0].sku: required");
    EXPECT("{'orders':[{'id':'o0','zone':'z'},{'id':'o1','zone':'z'},{'id':'o2','zone':'z'},"
           "{'id':'o3','zone':'z','lines':[{'sku':'a','quantity':1},{'sku':'b','quantity':-4}]}]}",
           "orders[3].lines[1].quantity: must be >= 0");
    EXPECT("{'orders':[{'id':'o','zone':'z','lines':[{'sku':'a','quantity':'1000000001'}]}]}",
           "orders[0].lines[0].quantity: must be <= 1000000000");
    EXPECT("{'orders':[{'id':'o','zone':'z','lines':[{'sku':'a','unit_weight_kg':'NaN'}]}]}",
           "orders[0].lines[0].unit_weight_kg: must be a finite number");
    EXPECT("{'orders':[{'id':'o','zone':'z','lines':[{'sku':'a','unit_weight_kg':-1}]}]}",
           "orders[0].lines[0].unit_weight_kg: must be >= 0");
}

TEST(line_unfilled_cost_is_checked_when_present)
{
    EXPECT("{'orders':[{'id':'o','zone':'z','lines':[{'sku':'a','unfilled_cost':-1}]}]}",
           "orders[0].lines[0].unfilled_cost: must be >= 0");
    EXPECT("{'orders':[{'id':'o','zone':'z','lines':[{'sku':'a','unfilled_cost':'Infinity'}]}]}",
           "orders[0].lines[0].unfilled_cost: must be a finite number");
    EXPECT("{'orders':[{'id':'o','zone':'z','lines':[{'sku':'a','unfilled_cost':0},{'sku':'a'}]}]}", VALID);
}

/* ---------------------------------------------------------------- the batch's own fields */

TEST(default_unfilled_cost_is_checked_when_present)
{
    EXPECT("{'default_unfilled_cost':-1}", "default_unfilled_cost: must be >= 0");
    EXPECT("{'default_unfilled_cost':'NaN'}", "default_unfilled_cost: must be a finite number");
    EXPECT("{'default_unfilled_cost':1.5e12}", "default_unfilled_cost: must be <= 1e+12");
    EXPECT("{'default_unfilled_cost':0}", VALID);
}

TEST(options_are_bounded)
{
    EXPECT("{'options':{'time_limit':'NaN'}}", "options.time_limit: must be a finite number");
    EXPECT("{'options':{'time_limit':-1}}", "options.time_limit: must be >= 0");
    EXPECT("{'options':{'time_limit':86401}}", "options.time_limit: must be <= 86400");
    EXPECT("{'options':{'gap':1.5}}", "options.gap: must be <= 1");
    EXPECT("{'options':{'gap':'-Infinity'}}", "options.gap: must be a finite number");
    EXPECT("{'options':{'gap':-0.1}}", "options.gap: must be >= 0");
    EXPECT("{'options':{}}", VALID);
}

TEST(strategy_must_be_known)
{
    EXPECT("{'options':{'strategy':'foo'}}", "options.strategy: unknown strategy 'foo' (expected auto, mip, greedy)");
    EXPECT("{'options':{'strategy':''}}", "options.strategy: unknown strategy '' (expected auto, mip, greedy)");
    EXPECT("{'options':{'strategy':'a\\nb'}}", "options.strategy: unknown strategy 'a?b' (expected auto, mip, greedy)");
    EXPECT("{'options':{'strategy':'auto'}}", VALID);
    EXPECT("{'options':{'strategy':'mip'}}", VALID);
    EXPECT("{'options':{'strategy':'greedy'}}", VALID);
}

TEST(first_error_is_reported)
{
    /* Walk order: sizes, batch fields, nodes, lanes, carrier limits, orders. */
    EXPECT("{'orders':[{'id':'o'}],'lanes':[{'node_id':'x'}],'nodes':[{'id':'n','unit_cost':-1}],"
           "'options':{'gap':2}}", "options.gap: must be <= 1");
    EXPECT("{'orders':[{'id':'o'}],'lanes':[{'node_id':'x'}],'nodes':[{'id':'n','unit_cost':-1}]}",
           "nodes[0].unit_cost: must be >= 0");
    EXPECT("{'orders':[{'id':'o'}],'lanes':[{'node_id':'x'}],'nodes':[{'id':'n'}]}",
           "lanes[0].node_id: unknown node 'x'");
    EXPECT("{'orders':[{'id':'o','zone':'z','lines':[{'quantity':-1}]}]}", "orders[0].lines[0].sku: required");
}

TEST(null_batch_is_refused)
{
    SrcError err = {{0}};
    CHECK(src_validate_batch(NULL, &err) == -1);
    CHECK(!strcmp(err.message, "no batch"));
}

/* ---------------------------------------------------------------- the sample files */

TEST(invalid_sample_files_give_their_messages)
{
    /* The files tests/t_invalid_cli.sh feeds to `sourcing solve`; run from the repository root. */
    static const struct { const char *file, *message; } cases[] = {
        {"bad_strategy", "options.strategy: unknown strategy 'fastest' (expected auto, mip, greedy)"},
        {"duplicate_inventory_sku", "nodes[0].inventory[2].sku: sku 'shirt' listed twice (also inventory[0])"},
        {"duplicate_lane", "lanes[2]: duplicate lane node_id 'dc1', zone 'north', carrier 'ups' (also lanes[0])"},
        {"duplicate_order_id", "orders[1].id: duplicate id 'A-1001' (also orders[0])"},
        {"nan_cost", "nodes[1].unit_cost: must be a finite number"},
        {"negative_quantity", "orders[1].lines[0].quantity: must be >= 0"},
        {"unknown_eligible_node", "orders[0].eligible_nodes[1]: unknown node 'dc9'"},
        {"unknown_lane_node", "lanes[1].node_id: unknown node 'store9'"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char path[256];
        snprintf(path, sizeof path, "tests/data/invalid/%s.json", cases[i].file);
        SrcError err = {{0}};
        Sourcing__Batch *b = src_read_batch(path, &err);
        CHECK_MSG(b != NULL, "%s: %s", path, err.message);
        if (b)
            expect_batch(b, cases[i].message, __LINE__);
        src_batch_free(b);
    }
}

/* ---------------------------------------------------------------- sizes */

/* A batch whose repeated fields point n times at one shared element: enough to count. */
static void **repeat(const void *element, size_t n)
{
    void **items = malloc(n * sizeof *items);
    for (size_t i = 0; items && i < n; i++)
        items[i] = (void *)element;
    return items;
}

TEST(top_level_counts_are_bounded)
{
    Sourcing__Node node = SOURCING__NODE__INIT;
    Sourcing__Lane lane = SOURCING__LANE__INIT;
    Sourcing__CarrierLimit limit = SOURCING__CARRIER_LIMIT__INIT;
    Sourcing__Order order = SOURCING__ORDER__INIT;
    Sourcing__Batch b = SOURCING__BATCH__INIT;

    b.n_nodes = SRC_MAX_NODES + 1;
    b.nodes = (Sourcing__Node **)repeat(&node, b.n_nodes);
    EXPECT_BATCH(&b, "nodes: too many entries (100001; the limit is 100000)");
    free(b.nodes);
    b = (Sourcing__Batch)SOURCING__BATCH__INIT;

    b.n_lanes = SRC_MAX_LANES + 1;
    b.lanes = (Sourcing__Lane **)repeat(&lane, b.n_lanes);
    EXPECT_BATCH(&b, "lanes: too many entries (2000001; the limit is 2000000)");
    free(b.lanes);
    b = (Sourcing__Batch)SOURCING__BATCH__INIT;

    b.n_carrier_limits = SRC_MAX_CARRIER_LIMITS + 1;
    b.carrier_limits = (Sourcing__CarrierLimit **)repeat(&limit, b.n_carrier_limits);
    EXPECT_BATCH(&b, "carrier_limits: too many entries (1000001; the limit is 1000000)");
    free(b.carrier_limits);
    b = (Sourcing__Batch)SOURCING__BATCH__INIT;

    b.n_orders = SRC_MAX_ORDERS + 1;
    b.orders = (Sourcing__Order **)repeat(&order, b.n_orders);
    EXPECT_BATCH(&b, "orders: too many entries (1000001; the limit is 1000000)");
    free(b.orders);
}

TEST(nested_counts_are_bounded)
{
    Sourcing__InventoryItem item = SOURCING__INVENTORY_ITEM__INIT;
    Sourcing__Node nodes[2] = {SOURCING__NODE__INIT, SOURCING__NODE__INIT};
    Sourcing__Node *node_list[2] = {&nodes[0], &nodes[1]};
    Sourcing__Batch b = SOURCING__BATCH__INIT;
    b.n_nodes = 2;
    b.nodes = node_list;
    nodes[1].n_inventory = SRC_MAX_INVENTORY_PER_NODE + 1;
    nodes[1].inventory = (Sourcing__InventoryItem **)repeat(&item, nodes[1].n_inventory);
    EXPECT_BATCH(&b, "nodes[1].inventory: too many entries (1000001; the limit is 1000000)");
    free(nodes[1].inventory);

    Sourcing__OrderLine line = SOURCING__ORDER_LINE__INIT;
    Sourcing__Order orders[2] = {SOURCING__ORDER__INIT, SOURCING__ORDER__INIT};
    Sourcing__Order *order_list[2] = {&orders[0], &orders[1]};
    b = (Sourcing__Batch)SOURCING__BATCH__INIT;
    b.n_orders = 2;
    b.orders = order_list;
    orders[1].n_lines = SRC_MAX_LINES_PER_ORDER + 1;
    orders[1].lines = (Sourcing__OrderLine **)repeat(&line, orders[1].n_lines);
    EXPECT_BATCH(&b, "orders[1].lines: too many entries (10001; the limit is 10000)");
    free(orders[1].lines);
    orders[1].n_lines = 0;

    orders[1].n_eligible_nodes = SRC_MAX_NODES + 1;
    orders[1].eligible_nodes = (char **)repeat("n", orders[1].n_eligible_nodes);
    EXPECT_BATCH(&b, "orders[1].eligible_nodes: too many entries (100001; the limit is 100000)");
    free(orders[1].eligible_nodes);
}

TEST(total_lines_are_bounded)
{
    /* 501 orders of 10000 lines each (all one shared order) exceed 5,000,000 lines in total. */
    Sourcing__OrderLine line = SOURCING__ORDER_LINE__INIT;
    Sourcing__Order order = SOURCING__ORDER__INIT;
    order.n_lines = SRC_MAX_LINES_PER_ORDER;
    order.lines = (Sourcing__OrderLine **)repeat(&line, order.n_lines);
    Sourcing__Batch b = SOURCING__BATCH__INIT;
    b.n_orders = SRC_MAX_TOTAL_LINES / SRC_MAX_LINES_PER_ORDER + 1;
    b.orders = (Sourcing__Order **)repeat(&order, b.n_orders);
    EXPECT_BATCH(&b, "orders: too many lines in total (5010000; the limit is 5000000)");
    b.n_orders--;  /* exactly the limit: the counts pass, the shared order's id is then repeated */
    EXPECT_BATCH(&b, "orders[0].id: required");
    free(b.orders);
    free(order.lines);
}

/* ---------------------------------------------------------------- a large batch */

#define LARGE_NODES 50
#define LARGE_ZONES 20
#define LARGE_ORDERS 200000

static char *text(const char *prefix, size_t i)
{
    char buf[64];
    snprintf(buf, sizeof buf, "%s%zu", prefix, i);
    return strdup(buf);
}

static void add_large_nodes_and_lanes(Sourcing__Batch *b)
{
    b->n_nodes = LARGE_NODES;
    b->nodes = calloc(LARGE_NODES, sizeof *b->nodes);
    b->n_lanes = LARGE_NODES * LARGE_ZONES;
    b->lanes = calloc(b->n_lanes, sizeof *b->lanes);
    for (size_t n = 0; n < LARGE_NODES; n++) {
        Sourcing__Node *node = b->nodes[n] = malloc(sizeof *node);
        sourcing__node__init(node);
        node->id = text("n", n);
        node->n_inventory = 3;
        node->inventory = calloc(3, sizeof *node->inventory);
        for (size_t k = 0; k < 3; k++) {
            Sourcing__InventoryItem *item = node->inventory[k] = malloc(sizeof *item);
            sourcing__inventory_item__init(item);
            item->sku = text("sku", k);
            item->quantity = 1000;
        }
        for (size_t z = 0; z < LARGE_ZONES; z++) {
            Sourcing__Lane *lane = b->lanes[n * LARGE_ZONES + z] = malloc(sizeof *lane);
            sourcing__lane__init(lane);
            lane->node_id = text("n", n);
            lane->zone = text("z", z);
            lane->carrier = strdup("ups");
            lane->transit_days = (int64_t)(z % 5);
        }
    }
}

static Sourcing__Order *large_order(size_t o)
{
    Sourcing__Order *order = malloc(sizeof *order);
    sourcing__order__init(order);
    order->id = text("o", o);
    order->zone = text("z", o % LARGE_ZONES);
    order->due_days = 3;
    order->n_eligible_nodes = 1;
    order->eligible_nodes = calloc(1, sizeof *order->eligible_nodes);
    order->eligible_nodes[0] = text("n", o % LARGE_NODES);
    order->n_lines = 2;
    order->lines = calloc(2, sizeof *order->lines);
    for (size_t l = 0; l < 2; l++) {
        Sourcing__OrderLine *line = order->lines[l] = malloc(sizeof *line);
        sourcing__order_line__init(line);
        line->sku = text("sku", (o + l) % 3);
        line->quantity = (int64_t)(1 + l);
        line->unit_weight_kg = 0.5;
    }
    return order;
}

TEST(large_batch_validates)
{
    Sourcing__Batch *b = malloc(sizeof *b);
    sourcing__batch__init(b);
    add_large_nodes_and_lanes(b);
    b->n_orders = LARGE_ORDERS;
    b->orders = calloc(LARGE_ORDERS, sizeof *b->orders);
    for (size_t o = 0; o < LARGE_ORDERS; o++)
        b->orders[o] = large_order(o);
    EXPECT_BATCH(b, VALID);

    Sourcing__Order *last = b->orders[LARGE_ORDERS - 1];
    replace_string(&last->eligible_nodes[0], "n50");
    EXPECT_BATCH(b, "orders[199999].eligible_nodes[0]: unknown node 'n50'");
    replace_string(&last->id, "o12345");
    EXPECT_BATCH(b, "orders[199999].id: duplicate id 'o12345' (also orders[12345])");
    replace_string(&last->id, "o199999");
    replace_string(&last->eligible_nodes[0], "n49");
    last->lines[1]->quantity = -1;
    EXPECT_BATCH(b, "orders[199999].lines[1].quantity: must be >= 0");
    last->lines[1]->quantity = 2;
    EXPECT_BATCH(b, VALID);
    src_batch_free(b);
}

int main(void)
{
    RUN(valid_batch_passes);
    RUN(unicode_names_pass);
    RUN(an_order_may_repeat_a_sku_and_may_have_no_lines);
    RUN(zeros_and_limits_are_allowed);
    RUN(node_id_is_required_and_unique);
    RUN(order_id_is_required_and_unique);
    RUN(node_and_order_may_share_an_id);
    RUN(names_are_bounded_in_length);
    RUN(names_refuse_control_characters);
    RUN(names_must_be_utf8);
    RUN(node_costs_are_finite_and_non_negative);
    RUN(node_days_and_capacities_are_bounded);
    RUN(inventory_skus_are_required_and_unique_per_node);
    RUN(inventory_numbers_are_bounded);
    RUN(lane_node_must_exist);
    RUN(lane_zone_and_carrier_are_required);
    RUN(lane_names_are_unique);
    RUN(lane_numbers_are_bounded);
    RUN(carrier_limits_resolve_and_are_unique);
    RUN(carrier_limit_capacity_is_bounded);
    RUN(order_fields_are_checked);
    RUN(order_priority_is_within_its_range);
    RUN(order_sla_must_be_known);
    RUN(binary_messages_are_checked_too);
    RUN(eligible_nodes_must_exist);
    RUN(line_fields_are_checked);
    RUN(line_unfilled_cost_is_checked_when_present);
    RUN(default_unfilled_cost_is_checked_when_present);
    RUN(options_are_bounded);
    RUN(strategy_must_be_known);
    RUN(first_error_is_reported);
    RUN(null_batch_is_refused);
    RUN(invalid_sample_files_give_their_messages);
    RUN(top_level_counts_are_bounded);
    RUN(nested_counts_are_bounded);
    RUN(total_lines_are_bounded);
    RUN(large_batch_validates);
    TEST_EXIT();
}
