/* test_understand.c — the rules of issue 18: offers as questions, needs as situations,
 * mail about the group, the body over a contradicting subject, two posts in one mail,
 * closings without a keyword, and the Spanish and Polish lists of [group] languages. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "classify.h"
#include "conf.h"
#include "unit.h"
#include "unit_conf.h"
#include "words.h"

static conf *cfg, *cfg_en;
static struct rules *r, *r_en;

static conf *
load(const char *ini)
{
    return unit_conf(ini);
}

static void
setup(void)
{
    cfg = load("[group]\nname = G\naddress = g@example.org\nlanguages = en, es, pl\n"
               "[fetch]\nsource = mbox:x\n[areas]\nnorth = Elm Street:48\n");
    cfg_en = load("[group]\nname = G\naddress = g@example.org\n"
                  "[fetch]\nsource = mbox:x\n[areas]\nnorth = Elm Street:48\n");
    r = classify_rules_new(cfg);
    r_en = classify_rules_new(cfg_en);
    ck_assert_ptr_nonnull(r);
    ck_assert_ptr_nonnull(r_en);
}

static void
teardown(void)
{
    classify_rules_free(r);
    classify_rules_free(r_en);
    conf_free(cfg);
    conf_free(cfg_en);
}

static enum post_kind
kind_of(struct rules *rs, const char *title, const char *text, int *sure)
{
    struct kind_guess g;

    classify_kind(rs, title, text, &g);
    *sure = g.sure;
    return g.kind;
}

START_TEST(t_offers_as_questions_and_needs_as_situations)
{
    int sure;

    ck_assert_int_eq(kind_of(r, "who wants a telly", "who wants a 32 inch telly, works fine", &sure),
                     KIND_OFFER);
    ck_assert_int_eq(kind_of(r, "Bike", "If it would be helpful to anyone, it's theirs.", &sure),
                     KIND_OFFER);
    ck_assert_int_eq(kind_of(r, "Blankets", "Would they be of use to anybody?", &sure), KIND_OFFER);
    ck_assert_int_eq(kind_of(r, "Shopping", "Since my fall I can no longer carry heavy bags.", &sure),
                     KIND_REQUEST);
    ck_assert_int_eq(kind_of(r, "Smoke alarm", "It's too high for me to reach.", &sure),
                     KIND_REQUEST);
    /* a declined thing and the real need: a request, not an offer */
    ck_assert_int_eq(kind_of(r, "Lift please",
                             "I don't need anyone to do my shopping any more. What I do need is a "
                             "lift to church on Sundays.", &sure),
                     KIND_REQUEST);
    /* a question that wants the writer's own thing offers it; one to do something for
     * the writer, or about "me", asks */
    ck_assert_int_eq(kind_of(r, "Cot", "Would anyone like our old cot? It folds flat.", &sure),
                     KIND_OFFER);
    ck_assert_int_eq(kind_of(r, "Dog", "Would anyone like to walk my dog on Tuesday?", &sure),
                     KIND_REQUEST);
    /* "is there a ... who ...?" asks as "is anyone" does; a greeting "to whoever reads
     * these" offers nothing, nor the volunteer hours a young helper needs */
    ck_assert_int_eq(kind_of(r, "Walk my daughter from school",
                             "My daughter is 9. Please is there a mother or a grandmother who "
                             "already picks up at the school and can walk her home?", &sure),
                     KIND_REQUEST);
    ck_assert_int_eq(kind_of(r, "carrying stuff up stairs",
                             "me and two guys from my team will carry groceries up the stairs "
                             "for any older person on kingsway. free, we need the community "
                             "service hours anyway.", &sure),
                     KIND_OFFER);
    /* a thing taken off the writer's hands, a car and free days: offers */
    ck_assert_int_eq(kind_of(r, "WANTED", "WANTED: somebody to take my exercise bike off my "
                                          "hands. Free, you collect.", &sure),
                     KIND_OFFER);
    ck_assert_int_eq(kind_of(r, "Car + Tuesdays", "Got a car and Tuesdays off for the rest of "
                                                  "Dec. Hospital, GP, the big Tesco.", &sure),
                     KIND_OFFER);
    /* "who needs" that names the writer: a request */
    ck_assert_int_eq(kind_of(r, "Help", "It's my neighbour's idea, but I'm the one who needs the "
                                        "help with the forms.", &sure),
                     KIND_REQUEST);
    /* an offer said as a plain statement */
    ck_assert_int_eq(kind_of(r, "Bread maker", "Our bread maker is gathering dust, we don't use "
                                               "it any more.", &sure),
                     KIND_OFFER);
    ck_assert(sure);
    /* a need said of a case after "if" is the reader's, and the mail offers; "if someone
     * could help me" still asks */
    ck_assert_int_eq(kind_of(r, "Jump leads", "Jump leads here if anyone's car won't start in "
                                              "the cold, just knock.", &sure),
                     KIND_OFFER);
    ck_assert(sure);
    ck_assert_int_eq(kind_of(r, "Forms", "I'd be grateful if someone could help me with a form.",
                             &sure),
                     KIND_REQUEST);
    /* the need in a question to the reader about their own ("does anyone need help")
     * is the reader's: the mail offers */
    ck_assert_int_eq(kind_of(r, "New phones",
                             "Does anyone's grandma need help setting up a new phone for "
                             "Christmas? I'm good with tech.", &sure),
                     KIND_OFFER);
    ck_assert_int_eq(kind_of(r, "Phone", "Could anyone help me set up my new phone?", &sure),
                     KIND_REQUEST);
}
END_TEST

START_TEST(t_about_the_group)
{
    int sure;

    ck_assert_int_eq(kind_of(r, "Digest question",
                             "Is the digest only sent on Mondays? Could someone check I'm still "
                             "on the list?", &sure),
                     KIND_NONE);
    ck_assert_int_eq(kind_of(r, "Who runs the group?",
                             "Who runs this group? I'd like to help with organising.", &sure),
                     KIND_NONE);
    /* a request that names the group is still a request */
    ck_assert_int_eq(kind_of(r, "Lift", "I'm new to this group. Could anyone give me a lift to "
                                        "the hospital on Friday? I would be so grateful.", &sure),
                     KIND_REQUEST);
}
END_TEST

START_TEST(t_body_outranks_subject)
{
    struct words w = {0};
    char why[200] = "";

    ck_assert_int_eq(words_split("Sorry if this is the wrong way round. I need a lift to the "
                                 "hospital on Friday. Could anyone take me?", &w), 0);
    ck_assert_int_eq(classify_subject_body(r, KIND_OFFER, &w, why, sizeof why), KIND_REQUEST);
    ck_assert_msg(strstr(why, "the subject says OFFER"), "%s", why);
    words_free(&w);
    /* the body silent or agreeing: the subject's word wins */
    ck_assert_int_eq(words_split("Damson jam, about ten jars.", &w), 0);
    ck_assert_int_eq(classify_subject_body(r, KIND_OFFER, &w, why, sizeof why), KIND_OFFER);
    words_free(&w);
    ck_assert_int_eq(words_split("Kitchen tap dripping for a week now.", &w), 0);
    ck_assert_int_eq(classify_subject_body(r, KIND_REQUEST, &w, why, sizeof why), KIND_REQUEST);
    words_free(&w);
}
END_TEST

START_TEST(t_two_posts)
{
    struct words w = {0};
    enum post_kind k[2];
    size_t at = 0;
    const char *two = "I have a pushchair my youngest has outgrown, free to anyone who wants it.\n\n"
                      "Secondly, I need a lift to the clinic on Thursday morning.\n";

    ck_assert_int_eq(words_split(two, &w), 0);
    ck_assert_int_eq(classify_two_posts(r, &w, &at, k), 1);
    ck_assert_int_eq(k[0], KIND_OFFER);
    ck_assert_int_eq(k[1], KIND_REQUEST);
    ck_assert_str_eq(w.w[at].raw, "secondly");
    words_free(&w);
    /* a request that offers something back in the same breath is one post; said as
     * clearly as this, a coordinator confirms (2: two posts in triage) */
    ck_assert_int_eq(words_split("Would anyone be willing to give me a ring now and then, just "
                                 "for a chat? I am happy to talk about anything.", &w), 0);
    ck_assert_int_eq(classify_two_posts(r, &w, &at, k), 2);
    words_free(&w);
    ck_assert_int_eq(words_split("Could someone give me a lift to the clinic on Friday? I'll "
                                 "pay for the petrol of course.", &w), 0);
    ck_assert_int_eq(classify_two_posts(r, &w, &at, k), 0);
    words_free(&w);
    /* one kind only */
    ck_assert_int_eq(words_split("Could somebody do my shopping? I need milk and bread.", &w), 0);
    ck_assert_int_eq(classify_two_posts(r, &w, &at, k), 0);
    words_free(&w);
    /* offer, request, offer: not two clear parts */
    ck_assert_int_eq(words_split("I'm happy to cook for anyone. Also could anyone lend me a "
                                 "drill? And I can give lifts on Sundays.", &w), 0);
    ck_assert_int_eq(classify_two_posts(r, &w, &at, k), -1);
    words_free(&w);
    ck_assert_int_eq(words_split("I'm happy to cook for anyone. Also could anyone lend me a "
                                 "drill? And I can give lifts on Sundays. But I need a ladder "
                                 "too. I'm happy to cook, honestly. Could anyone help?", &w), 0);
    ck_assert_int_eq(classify_two_posts(r, &w, &at, k), -1);
    words_free(&w);
    /* each part said clearly, nothing that turns to the second: two posts for a
     * coordinator to confirm */
    ck_assert_int_eq(words_split("Pram free to a good home, collect from Elm Terrace. Could "
                                 "anyone lend me a drill on Saturday?", &w), 0);
    ck_assert_int_eq(classify_two_posts(r, &w, &at, k), 2);
    ck_assert_int_eq(k[0], KIND_OFFER);
    ck_assert_int_eq(k[1], KIND_REQUEST);
    ck_assert_str_eq(w.w[at].raw, "could");
    words_free(&w);
    /* a part that opens another matter and says something of the other kind: perhaps a
     * second post, for a note; "Also, it folds flat" says nothing of one */
    ck_assert_int_eq(words_split("Cot free to a good home, collect from Elm Terrace. Also, "
                                 "does anyone know someone with a van?", &w), 0);
    ck_assert_int_eq(classify_second_part(r, &w, KIND_OFFER, &at), 1);
    ck_assert_str_eq(w.w[at].raw, "also");
    words_free(&w);
    ck_assert_int_eq(words_split("Cot free to a good home, collect from Elm Terrace. Also, it "
                                 "folds flat.", &w), 0);
    ck_assert_int_eq(classify_second_part(r, &w, KIND_OFFER, &at), 0);
    words_free(&w);
    /* "btw" in the middle of a sentence turns to another matter */
    ck_assert_int_eq(words_split("does anyone have a printer i could use for 12 pages?? the "
                                 "library printer is broken btw i have a mini fridge if anyone "
                                 "wants it", &w), 0);
    ck_assert_int_eq(classify_two_posts(r, &w, &at, k), 1);
    ck_assert_int_eq(k[0], KIND_REQUEST);
    ck_assert_int_eq(k[1], KIND_OFFER);
    ck_assert_str_eq(w.w[at].raw, "btw");
    words_free(&w);
}
END_TEST

START_TEST(t_closings_without_keyword)
{
    struct words a = {0}, b = {0};

    ck_assert_str_eq(classify_closing(r, "Shelves are up! My neighbour came round with his drill."),
                     "done");
    ck_assert_str_eq(classify_closing(r, "Telly's found a home"), "taken");
    ck_assert_str_eq(classify_closing(r, "Car is fixed so I can do the school run myself again."),
                     "withdrawn");
    ck_assert_ptr_null(classify_closing(r, "Still looking for the lift though!"));
    /* the words a closing outside the thread shares with its post */
    ck_assert_int_eq(words_split("Cats", &a), 0);
    ck_assert_int_eq(words_split("Cat feeding over the weekend. Could someone feed my cats", &b), 0);
    ck_assert_uint_eq(classify_shared_words(&a, &b), 1);
    words_free(&a);
    ck_assert_int_eq(words_split("Thanks so much everyone, all the best", &a), 0);
    ck_assert_uint_eq(classify_shared_words(&a, &b), 0);
    words_free(&a);
    words_free(&b);
}
END_TEST

START_TEST(t_spanish_and_polish)
{
    struct subject_info si;
    int sure;

    classify_subject("OFERTA: comida casera", &si);
    ck_assert_int_eq(si.kind, KIND_OFFER);
    ck_assert_str_eq(si.title, "comida casera");
    /* an offer of a hand said as what costs the writer nothing */
    ck_assert_int_eq(kind_of(r, "Camioneta los sábados",
                             "Los sábados tengo la camioneta libre y no me cuesta nada darles "
                             "una mano si necesitan mover un mueble.", &sure),
                     KIND_OFFER);
    ck_assert_str_eq(classify_closing(r, "La bici ya tiene nuevo dueño. Se la ha llevado un "
                                         "chico muy majo."),
                     "taken");
    classify_subject("NECESITO: ayuda con la compra", &si);
    ck_assert_int_eq(si.kind, KIND_REQUEST);
    classify_subject("POTRZEBUJĘ: pomocy z zakupami", &si);
    ck_assert_int_eq(si.kind, KIND_REQUEST);
    classify_subject("OFERUJĘ: podwózki do lekarza", &si);
    ck_assert_int_eq(si.kind, KIND_OFFER);
    classify_subject("Oferuję: podwózki", &si);
    ck_assert_int_eq(si.kind, KIND_OFFER);
    classify_subject("ODDANE O-0012", &si);
    ck_assert_int_eq(si.kind, KIND_CLOSING);
    ck_assert_str_eq(si.ref, "O-0012");

    ck_assert_int_eq(kind_of(r, "Necesito que me lleven al hospital",
                             "¿Alguien podría llevarme? Gracias de corazón.", &sure),
                     KIND_REQUEST);
    ck_assert_int_eq(kind_of(r, "Regalo ropa de bebé",
                             "Se la regalo a quien la necesite.", &sure),
                     KIND_OFFER);
    ck_assert_int_eq(kind_of(r, "Oddam wózek", "Oddam za darmo wózek spacerowy.", &sure),
                     KIND_OFFER);
    ck_assert_int_eq(kind_of(r, "Leki", "Czy ktoś mógłby odebrać moje leki z apteki?", &sure),
                     KIND_REQUEST);
    /* "I'll give the money back" is not an offer */
    ck_assert_int_eq(kind_of(r, "Zakupy", "Czy ktoś mógłby zrobić mi zakupy? Oddam pieniądze.",
                             &sure),
                     KIND_REQUEST);
    ck_assert_str_eq(classify_closing(r, "Ya está resuelto, ¡mil gracias!"), "done");
    ck_assert_str_eq(classify_closing(r, "Wszystko już rozdane, dziękuję."), "taken");
    ck_assert_str_eq(classify_closing(r, "Ya no hace falta, gracias."), "withdrawn");
    /* a subject's word (no prefix) the body contradicts (2 or more, twice the other):
     * the body's kind, published with a note */
    {
        struct kind_guess g;
        classify_kind(r, "OFFER lift", "Sorry I don't know how this works. I need a lift "
                                       "for my son to the hospital on Monday.", &g);
        ck_assert_int_eq(g.kind, KIND_REQUEST);
        ck_assert_int_eq(g.contradicted, 1);
        classify_kind(r, "Free cot", "I need a lift.", &g);
        ck_assert_int_eq(g.kind, KIND_REQUEST);
        ck_assert_int_eq(g.contradicted, 1);
        ck_assert_int_eq(g.sure, 1);
        classify_kind(r, "Free cot", "Our cot, free to a good home.", &g);
        ck_assert_int_eq(g.kind, KIND_OFFER);
        ck_assert_int_eq(g.contradicted, 0);
    }
    /* a sentence that declines a thing says nothing of the category, unless nothing
     * else does (an offer's reason for giving) */
    ck_assert_str_eq(classify_category(r, "", "I don't need shopping any more, what I need is "
                                             "a lift to the hospital."),
                     "transport");
    ck_assert_str_eq(classify_category(r, "", "We don't need the oil heater now we have a new "
                                             "boiler. Free."),
                     "household");
    /* the ways natives write them, beyond the first lists */
    ck_assert_int_eq(kind_of(r, "Mudanza", "¿Alguien me echa una mano el sábado con unas cajas?",
                             &sure),
                     KIND_REQUEST);
    ck_assert_int_eq(kind_of(r, "Abrigo", "Tengo un abrigo que a mi hijo ya no le queda, lo doy.",
                             &sure),
                     KIND_OFFER);
    ck_assert_int_eq(kind_of(r, "Pralka", "Zepsuła się pralka, czy znajdzie się ktoś, kto zerknie?",
                             &sure),
                     KIND_REQUEST);
    ck_assert_int_eq(kind_of(r, "Łóżeczko", "Łóżeczko w dobre ręce, już nie używamy.", &sure),
                     KIND_OFFER);
    ck_assert_str_eq(classify_closing(r, "Już po sprawie, sąsiadka pomogła."), "done");
    ck_assert_str_eq(classify_closing(r, "Gracias de todos modos, ya no es necesario."),
                     "withdrawn");
    ck_assert_str_eq(classify_closing(r, "Se lo llevó una vecina esta mañana."), "taken");
    ck_assert_str_eq(classify_category(r, "Szukam kogoś do wyprowadzania psa", ""), "pets");
    ck_assert_str_eq(classify_category(r, "Busco a alguien para pasear al perro", ""), "pets");
    /* a group that reads English only has no Spanish or Polish phrases */
    ck_assert_int_eq(kind_of(r_en, "Leki", "Czy ktoś mógłby odebrać moje leki z apteki?", &sure),
                     KIND_NONE);
    ck_assert_str_eq(classify_category(r_en, "Szukam kogoś do wyprowadzania psa", ""), "other");
}
END_TEST

START_TEST(t_accents_left_out)
{
    int sure;

    /* Polish and Spanish typed without their accents read as with them */
    ck_assert_int_eq(kind_of(r, "Zakupy", "Potrzebuje pomocy z zakupami, nie moge wychodzic.",
                             &sure),
                     KIND_REQUEST);
    ck_assert_int_eq(kind_of(r, "Medicinas", "Alguien podria recoger mis medicinas?", &sure),
                     KIND_REQUEST);
    ck_assert_int_eq(kind_of(r, "Dzieci", "Chetnie pomoge z opieka nad dziecmi w weekendy.",
                             &sure),
                     KIND_OFFER);
    ck_assert_str_eq(classify_category(r, "Apteka", "Czy ktos moglby odebrac leki z apteki?"),
                     "medicine");
    /* and capitals of other letters fold too */
    struct words a = {0}, b = {0};
    ck_assert_int_eq(words_split("ŚWIĘTA Łódź", &a), 0);
    ck_assert_int_eq(words_split("swieta lodz", &b), 0);
    ck_assert_str_eq(a.w[0].key, b.w[0].key);
    ck_assert_str_eq(a.w[1].key, b.w[1].key);
    words_free(&a);
    words_free(&b);
}
END_TEST

START_TEST(t_negations)
{
    struct kind_guess g;

    /* "don't need", "no necesito", "nie potrzebuję": the phrase after a negation is not
     * counted, the real need is */
    classify_kind(r, "Lift", "I don't need a lift any more, thank you.", &g);
    ck_assert_int_eq(g.request, 0);
    ck_assert_int_eq(kind_of(r, "Change", "We don't need the lift now. What would really help "
                                          "is someone to walk the dog.", &(int){0}),
                     KIND_REQUEST);
    classify_kind(r, "Coche", "No necesito coche.", &g);
    ck_assert_int_eq(g.request, 0);
    classify_kind(r, "Zmiana", "Nie potrzebuję już transportu.", &g);
    ck_assert_int_eq(g.request, 0);
    /* a phrase that starts with "no" is its own */
    ck_assert_int_eq(kind_of(r, "Lonely", "Since Jim died I have no one to talk to.", &(int){0}),
                     KIND_REQUEST);
    /* "no charge" says nothing of money */
    ck_assert_str_eq(classify_category(r, "Ironing", "I can do ironing, no payment, no charge."),
                     "household");
}
END_TEST

START_TEST(t_labels_and_lists)
{
    struct words w = {0};
    enum post_kind k[2];
    size_t at = 0;

    ck_assert_int_eq(words_split("Have: a double buggy, free.\nNeed: someone to feed the cat "
                                 "on the 23rd.", &w), 0);
    ck_assert_int_eq(classify_two_posts(r, &w, &at, k), 1);
    ck_assert_int_eq(k[0], KIND_OFFER);
    ck_assert_int_eq(k[1], KIND_REQUEST);
    ck_assert_str_eq(w.w[at].raw, "need");
    words_free(&w);
    ck_assert_int_eq(words_split("Two things:\n1) a box of tins, free to anyone."
                                 "\n2) Does anyone have a car jack I could borrow?", &w), 0);
    ck_assert_int_eq(classify_two_posts(r, &w, &at, k), 1);
    ck_assert_str_eq(w.w[at].raw, "2");
    words_free(&w);
    /* "also" inside the sentence of the other kind */
    ck_assert_int_eq(words_split("Single bed free to anyone who can use it. I'm moving my mum "
                                 "in and I also need a hand with her wardrobe.", &w), 0);
    ck_assert_int_eq(classify_two_posts(r, &w, &at, k), 1);
    ck_assert_str_eq(w.w[at].raw, "im");
    words_free(&w);
    /* two paragraphs, neither sentence clear enough alone */
    ck_assert_int_eq(words_split("Spare bread maker, free.\n\nNeed a ladder for Saturday, "
                                 "anyone?", &w), 0);
    ck_assert_int_eq(classify_two_posts(r, &w, &at, k), 1);
    words_free(&w);
    /* a sentence that starts with an elided I who needs */
    ck_assert_int_eq(kind_of(r, "ladder", "Need a long ladder for an hour on Saturday.",
                             &(int){0}),
                     KIND_REQUEST);
}
END_TEST

START_TEST(t_it_happened)
{
    struct words w = {0};

    /* a reply by a post's author: something happened, no question, nothing still open */
    ck_assert_int_eq(words_split("My son came up on Sunday and filled the freezer.", &w), 0);
    ck_assert_int_eq(classify_closing_event(r, &w, KIND_NONE), 1);
    words_free(&w);
    ck_assert_int_eq(words_split("microwave picked up", &w), 0);
    ck_assert_int_eq(classify_closing_event(r, &w, KIND_NONE), 1);
    words_free(&w);
    ck_assert_int_eq(words_split("Sąsiadka zrobiła mi zakupy. Dziękuję bardzo!", &w), 0);
    ck_assert_int_eq(classify_closing_event(r, &w, KIND_NONE), 1);
    words_free(&w);
    /* not in a question, not beside "still", not with words of a new post */
    ck_assert_int_eq(words_split("The kettle went to Ivy. Has anyone got a lift on Saturday?",
                                 &w), 0);
    ck_assert_int_eq(classify_closing_event(r, &w, KIND_NONE), 0);
    words_free(&w);
    /* words of the post's own kind are its words again: "gone to a good home" under
     * an offer closes it, and would be a new offer elsewhere */
    ck_assert_int_eq(words_split("Gone to a good home, thanks!", &w), 0);
    ck_assert_int_eq(classify_closing_event(r, &w, KIND_OFFER), 1);
    ck_assert_int_eq(classify_closing_event(r, &w, KIND_NONE), 0);
    ck_assert_int_eq(classify_closing_event(r, &w, KIND_REQUEST), 0);
    words_free(&w);
    ck_assert_int_eq(words_split("Kettle's gone. Still after that lift though!", &w), 0);
    ck_assert_int_eq(classify_closing_event(r, &w, KIND_NONE), 0);
    words_free(&w);
    /* words that say nothing happened to the post */
    ck_assert_int_eq(words_split("All the lights have gone off.", &w), 0);
    ck_assert_int_eq(classify_closing_event(r, &w, KIND_NONE), 0);
    ck_assert_ptr_null(classify_closing_words(r, &w));
    words_free(&w);
    /* a reply that may close, in words the lists do not know */
    ck_assert_int_eq(words_split("Ruth has kindly sorted me out.", &w), 0);
    ck_assert_int_eq(classify_closing_maybe(r, &w, KIND_NONE), 1);
    words_free(&w);
    ck_assert_int_eq(words_split("Is it still there?", &w), 0);
    ck_assert_int_eq(classify_closing_maybe(r, &w, KIND_NONE), 0);
    words_free(&w);
    /* a street is not a closing word */
    ck_assert_ptr_null(classify_closing(r, "Agnes, Willow Close"));
    /* settled in other words, as closings */
    ck_assert_str_eq(classify_closing(r, "We managed in the end, thanks."), "done");
    ck_assert_str_eq(classify_closing(r, "Ya estamos bien, gracias."), "done");
    ck_assert_str_eq(classify_closing(r, "Udało się, dziękuję."), "done");
}
END_TEST

START_TEST(t_unclear_notes)
{
    struct kind_guess g;
    char note[200];

    /* what made it unclear, in words, with the phrases as written */
    classify_kind(r, "Hello", "Could anyone help me on Friday? I'm happy to help anyone too.",
                  &g);
    ck_assert_int_eq(g.sure, 0);
    classify_unclear(&g, note, sizeof note);
    ck_assert_ptr_nonnull(strstr(note, "'I'm happy to'"));
    ck_assert_ptr_nonnull(strstr(note, "'Could anyone'"));
    /* mail about the group with a post's words is unsure */
    classify_kind(r, "Meeting", "Volunteers' meeting on Tuesday, all welcome. We need someone "
                                "to take notes.", &g);
    ck_assert_int_eq(g.sure, 0);
    classify_unclear(&g, note, sizeof note);
    ck_assert_ptr_nonnull(strstr(note, "about the group"));
    /* one kind, however weakly said, is sure */
    classify_kind(r, "pram", "pram free. canal st.", &g);
    ck_assert_int_eq(g.kind, KIND_OFFER);
    ck_assert_int_eq(g.sure, 1);
}
END_TEST

START_TEST(t_group_extends_the_lists)
{
    conf *c = load("[group]\nname = G\naddress = g@example.org\n[fetch]\nsource = mbox:x\n"
                   "[areas]\nnorth = Elm Street:48\n[process]\nevent_phrases = przyjechał\n"
                   "group_phrases = the allotment society\n");
    struct rules *rs = classify_rules_new(c);
    struct words w = {0};
    struct kind_guess g;

    ck_assert_ptr_nonnull(rs);
    ck_assert_int_eq(words_split("Hydraulik przyjechał", &w), 0);
    ck_assert_int_eq(classify_closing_event(rs, &w, KIND_NONE), 1);
    words_free(&w);
    classify_kind(rs, "News", "The allotment society has spare plots.", &g);
    ck_assert_int_eq(g.group, 1);
    classify_rules_free(rs);
    conf_free(c);
}
END_TEST

static Suite *
understand_suite(void)
{
    Suite *s = suite_create("understand");
    TCase *tc = tcase_create("understand");

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, t_offers_as_questions_and_needs_as_situations);
    tcase_add_test(tc, t_about_the_group);
    tcase_add_test(tc, t_body_outranks_subject);
    tcase_add_test(tc, t_two_posts);
    tcase_add_test(tc, t_closings_without_keyword);
    tcase_add_test(tc, t_spanish_and_polish);
    tcase_add_test(tc, t_accents_left_out);
    tcase_add_test(tc, t_negations);
    tcase_add_test(tc, t_labels_and_lists);
    tcase_add_test(tc, t_it_happened);
    tcase_add_test(tc, t_unclear_notes);
    tcase_add_test(tc, t_group_extends_the_lists);
    suite_add_tcase(s, tc);
    return s;
}

UNIT_MAIN(understand_suite)
