/* conf_sections.c — the sections whose keys the group names: [areas] (streets and
 * their doors), [categories] (keywords; built-in ones when the section is absent)
 * and the tasks of [rota] ("DAYS HH:MM-HH:MM [xN]"). */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "conf_int.h"
#include "text.h"

static const char *const default_categories[][2] = {
    {"food", "food, shop, shopping, groceries, grocery, supermarket, meal, meals, soup, cooking, "
             "cook, bread, milk, eggs, food bank, foodbank, dinner, lunch, breakfast, supper, "
             "casserole, stew, cake, baking, bake, mince pies, biscuits, veg, vegetables, fruit, "
             "tins, tinned, pasta, rice, cereal, hot meal, ready meals, leftovers, curry, "
             "sandwiches, portions, batch cook, shopping list, big shop, weekly shop, "
             "cupboards, tesco, turkey, jam, eggs, mince pie"},
    {"medicine", "prescription, prescriptions, pharmacy, chemist, medicine, medication, meds, "
                 "pills, my tablets, inhaler, insulin, antibiotics, painkillers, paracetamol, gp, "
                 "doctor, surgery, dispensary, thermometer, blood test, repeat prescription, "
                 "lateral flow, hearing aid"},
    {"transport", "lift, lifts, drive, driving, driver, ride, hospital, appointment, "
                  "appointments, taxi, car, station, airport, bus, train, journey, transport, "
                  "run me, drop me, pick me up, clinic, dentist, the tip, lift to, a lift, "
                  "lift there, lift home, lift back, drive me, take me to"},
    {"childcare", "childcare, babysit, babysitting, babysitter, school run, kids, children, "
                  "child, nursery, toddler, school, after-school, nappies, homework, "
                  "childminder, school uniform, look after my son, look after my daughter, "
                  "toys, swimming, school pick-up, pick-ups"},
    {"pets", "dog, dogs, cat, cats, pet, pets, dog walk, dog walks, walkies, vet, puppy, "
             "kitten, cat food, dog food, litter tray, rabbit, hamster, budgie, pet sitting"},
    {"befriending", "chat, phone call, phone calls, company, befriend, befriending, lonely, "
                    "loneliness, isolated, check-in, check in, check on, visit, cuppa, tea, "
                    "coffee, natter, someone to talk to, friendly voice, sit with, on her own, "
                    "on his own, on their own"},
    {"household", "repair, repairs, fix, garden, gardening, bins, wheelie bin, shelf, shelves, "
                  "ladder, drill, cleaning, cleaner, window cleaner, carpet, hoovering, ironing, "
                  "laundry, furniture, table, chairs, "
                  "cot, high chair, pram, buggy, pushchair, car seat, booster seat, "
                  "desk, bed, sofa, wardrobe, bookcase, drawers, bulb, light bulb, diy, flat-pack, "
                  "wheelchair, mattress, radiator, radiators, lawn, hedge, mow, leaves, gutters, "
                  "fence, boiler, tap, taps, leak, plumbing, plumber, handyman, odd jobs, loft, "
                  "attic, paint, painting, decorating, curtains, washing machine, fridge, "
                  "freezer, microwave, kettle, hoover, vacuum, tools, blanket, blankets, duvet, "
                  "heater, heating, walking frame, grab rail, snow, rubbish, tidying, telly, tv, "
                  "television, sewing machine, stopcock, ceiling, workbench, smoke alarm, "
                  "christmas tree, fridge freezer, bike pump, jump leads"},
    {"money", "money, loan, cash, pay, bill, bills, electricity, electric, gas, top-up, top up, "
              "rent, debt, universal credit, benefits, voucher, vouchers, emergency credit, "
              "meter, council tax, fund, pension, budget, payday, bank card"},
    {"other", ""},
};

int
conf_parse_areas(conf *c, struct errbuf *e)
{
    const char **keys;
    int nkeys;

    if (conf_section_keys(c, "areas", &keys, &nkeys, e) < 0)
        return -1;
    if (nkeys == 0)
        return 0;
    if (!(c->areas = calloc((size_t)nkeys, sizeof *c->areas)))
        goto oom;
    for (int i = 0; i < nkeys; i++) {
        const char *key = strchr(keys[i], ':') + 1;
        const char *v = iniparser_getstring(c->ini, keys[i], "");
        struct conf_area *a = &c->areas[c->nareas++];
        size_t n;
        char **items;

        if (!(a->name = strdup(key)) || !(items = conf_list(v ? v : "", &n)))
            goto oom;
        if (n == 0)
            conf_keyerr(e, c, "areas", key,
                        "no streets listed (expected \"Street name:doors, ...\")");
        if (!(a->streets = calloc(n ? n : 1, sizeof *a->streets))) {
            conf_list_free(items);
            goto oom;
        }
        for (size_t j = 0; j < n; j++) {
            char *colon = strrchr(items[j], ':');
            long doors = 0;
            if (colon) {
                *colon = '\0';
                if (conf_parse_long(conf_trim(colon + 1), &doors) < 0 || doors < 0 ||
                    doors > 100000) {
                    conf_keyerr(e, c, "areas", key, "\"%s\": doors must be a whole number",
                                conf_trim(colon + 1));
                    doors = 0;
                }
            }
            const char *street = conf_trim(items[j]);
            const char *other;
            if (!*street)
                conf_keyerr(e, c, "areas", key, "empty street name");
            else if (conf_street_area(c, street, &other))
                conf_keyerr(e, c, "areas", key, "street \"%s\" is listed twice", street);
            a->streets[a->nstreets].doors = (int)doors;
            if (!(a->streets[a->nstreets++].name = strdup(street))) {
                conf_list_free(items);
                goto oom;
            }
        }
        conf_list_free(items);
    }
    free(keys);
    return 0;
oom:
    free(keys);
    conf_errf(e, "%s: out of memory", c->file);
    return -1;
}

static int
add_category(conf *c, const char *name, const char *words)
{
    struct conf_category *cat = &c->categories[c->ncategories++];

    if (!(cat->name = strdup(name)) || !(cat->keywords = conf_list(words, &cat->nkeywords)))
        return -1;
    for (size_t i = 0; i < cat->nkeywords; i++)
        text_lower(cat->keywords[i]);
    return 0;
}

int
conf_parse_categories(conf *c, struct errbuf *e)
{
    const char **keys;
    int nkeys;
    size_t ndef = sizeof default_categories / sizeof default_categories[0];

    if (conf_section_keys(c, "categories", &keys, &nkeys, e) < 0)
        return -1;
    if (nkeys == 0) {
        if (!(c->categories = calloc(ndef, sizeof *c->categories)))
            goto oom;
        for (size_t i = 0; i < ndef; i++)
            if (add_category(c, default_categories[i][0], default_categories[i][1]) < 0)
                goto oom;
        return 0;
    }
    if (!(c->categories = calloc((size_t)nkeys, sizeof *c->categories)))
        goto oom;
    for (int i = 0; i < nkeys; i++) {
        const char *key = strchr(keys[i], ':') + 1;
        const char *v = iniparser_getstring(c->ini, keys[i], "");
        for (const char *p = key; *p; p++)
            if (!isalnum((unsigned char)*p) && *p != '-' && *p != '_') {
                conf_keyerr(e, c, "categories", key,
                            "a category name may use only letters, digits, - and _");
                break;
            }
        if (add_category(c, key, v ? v : "") < 0)
            goto oom;
    }
    free(keys);
    return 0;
oom:
    free(keys);
    conf_errf(e, "%s: out of memory", c->file);
    return -1;
}

static int
parse_days(const char *s, unsigned *mask)
{
    static const char *const names[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
    char buf[128], *tok, *save = NULL;

    if (strcasecmp(s, "daily") == 0)
        return *mask = 0x7f, 0;
    if (strcasecmp(s, "weekdays") == 0)
        return *mask = 0x1f, 0;
    if (strcasecmp(s, "weekends") == 0)
        return *mask = 0x60, 0;
    if (strlen(s) >= sizeof buf)
        return -1;
    strcpy(buf, s);
    *mask = 0;
    for (tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
        int found = -1;
        for (int i = 0; i < 7; i++)
            if (strncasecmp(tok, names[i], 3) == 0 && strlen(tok) >= 3)
                found = i;
        if (found < 0)
            return -1;
        *mask |= 1u << found;
    }
    return *mask ? 0 : -1;
}

static int
parse_hhmm(const char *s, int *minutes)
{
    int h, m, n = 0;

    if (sscanf(s, "%2d:%2d%n", &h, &m, &n) != 2 || s[n] != '\0' || h < 0 || h > 24 || m < 0 ||
        m > 59 || (h == 24 && m != 0))
        return -1;
    *minutes = h * 60 + m;
    return 0;
}

/* "[rota] NAME = DAYS HH:MM-HH:MM [xN]" */
static int
parse_task(const char *v, struct conf_task *t)
{
    char buf[256], *days, *times, *count, *dash, *save = NULL;

    if (strlen(v) >= sizeof buf)
        return -1;
    strcpy(buf, v);
    days = strtok_r(buf, " \t", &save);
    times = strtok_r(NULL, " \t", &save);
    count = strtok_r(NULL, " \t", &save);
    if (!days || !times || strtok_r(NULL, " \t", &save))
        return -1;
    if (parse_days(days, &t->days) < 0 || !(dash = strchr(times, '-')))
        return -1;
    *dash = '\0';
    if (parse_hhmm(times, &t->start) < 0 || parse_hhmm(dash + 1, &t->end) < 0 || t->end <= t->start)
        return -1;
    t->needed = 1;
    if (count) {
        long n;
        if ((count[0] != 'x' && count[0] != 'X') || conf_parse_long(count + 1, &n) < 0 || n < 1 ||
            n > 50)
            return -1;
        t->needed = (int)n;
    }
    return 0;
}

int
conf_parse_tasks(conf *c, struct errbuf *e)
{
    const char **keys;
    int nkeys;

    if (conf_section_keys(c, "rota", &keys, &nkeys, e) < 0)
        return -1;
    if (nkeys == 0)
        return 0;
    if (!(c->tasks = calloc((size_t)nkeys, sizeof *c->tasks))) {
        free(keys);
        conf_errf(e, "%s: out of memory", c->file);
        return -1;
    }
    for (int i = 0; i < nkeys; i++) {
        const char *key = strchr(keys[i], ':') + 1;
        const char *v = iniparser_getstring(c->ini, keys[i], "");
        struct conf_task t = {0};

        if (conf_schema_has("rota", key))
            continue;
        if (parse_task(v ? v : "", &t) < 0) {
            conf_keyerr(e, c, "rota", key,
                        "\"%s\" is not a task (expected DAYS HH:MM-HH:MM [xN], e.g. "
                        "\"thu 10:00-12:00 x2\"; DAYS is daily, weekdays, weekends or mon,tue,...)",
                        v ? v : "");
            continue;
        }
        if (!(t.name = strdup(key))) {
            free(keys);
            conf_errf(e, "%s: out of memory", c->file);
            return -1;
        }
        c->tasks[c->ntasks++] = t;
    }
    free(keys);
    return 0;
}
