/* phrases.c — lists of phrases found in words (phrases_add, phrases_scan), and the
 * built-in lists: what people write when they offer, ask, or say a post is over. */
#include "phrases.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"

/* Weight 3: says the kind on its own and beats a shorter phrase of the other kind;
 * 2: a clear phrase; 1: a hint. A phrase is matched by whole words, with stems, so
 * "I need" also finds "I needed"; longer phrases hide the shorter ones they contain. */
struct builtin {
    const char *text;
    int tag, weight;
};

static const struct builtin kind_list[] = {
    /* a greeting, not an offer "to whoever" wants it; the hours a young volunteer needs
     * are why they offer */
    {"to whoever reads", PH_NEUTRAL, 0}, {"to whoever is reading", PH_NEUTRAL, 0},
    {"need the hours", PH_NEUTRAL, 0}, {"need volunteer hours", PH_NEUTRAL, 0},
    {"need the volunteer hours", PH_NEUTRAL, 0}, {"need community service hours", PH_NEUTRAL, 0},
    {"need the community service hours", PH_NEUTRAL, 0},
    /* repairs and rides said as what the writer will do */
    {"bring it by", PH_OFFER, 2}, {"bring them by", PH_OFFER, 2}, {"bring it round", PH_OFFER, 2},
    {"costs you nothing", PH_OFFER, 3}, {"won't cost you", PH_OFFER, 2},
    {"i'll take anybody", PH_OFFER, 3}, {"i'll take anyone", PH_OFFER, 3},
    {"i can take anybody", PH_OFFER, 3}, {"for any older person", PH_OFFER, 2},
    /* "if anyone is making dinner and has a little extra": the writer's need */
    {"if anyone is making", PH_REQUEST, 2}, {"if anyone is cooking", PH_REQUEST, 2},
    {"if anyone is heading", PH_REQUEST, 2}, {"beyond grateful", PH_REQUEST, 2},
    {"has a little extra", PH_REQUEST, 2},
    /* things to come and take, a car and free days, a thing off the writer's hands */
    {"off my hands", PH_OFFER, 3}, {"off our hands", PH_OFFER, 3}, {"you collect", PH_OFFER, 2},
    {"bring a bag", PH_OFFER, 3}, {"bring a container", PH_OFFER, 3},
    {"bring your own bag", PH_OFFER, 3}, {"with a container", PH_OFFER, 2},
    {"got a car and", PH_OFFER, 3}, {"have a car and", PH_OFFER, 3}, {"a bit stuck", PH_REQUEST, 2},
    /* asking */
    {"could anyone", PH_REQUEST, 2}, {"can anyone", PH_REQUEST, 2},
    {"could anybody", PH_REQUEST, 2}, {"can anybody", PH_REQUEST, 2},
    {"could someone", PH_REQUEST, 2}, {"can someone", PH_REQUEST, 2},
    {"could somebody", PH_REQUEST, 2}, {"can somebody", PH_REQUEST, 2},
    {"would someone", PH_REQUEST, 2}, {"would somebody", PH_REQUEST, 2},
    {"would anyone be able", PH_REQUEST, 3}, {"would anybody be able", PH_REQUEST, 3},
    {"would anyone be willing", PH_REQUEST, 3}, {"would anyone be happy to", PH_REQUEST, 3},
    {"would anyone mind", PH_REQUEST, 3}, {"would anyone have", PH_REQUEST, 3},
    {"anyone be able", PH_REQUEST, 3}, {"anyone be happy to", PH_REQUEST, 3},
    {"someone be able", PH_REQUEST, 3}, {"somebody be able", PH_REQUEST, 3},
    {"someone be happy to", PH_REQUEST, 3}, {"anyone happy to", PH_REQUEST, 3},
    {"anyone willing", PH_REQUEST, 3}, {"someone willing", PH_REQUEST, 3},
    {"anyone able to", PH_REQUEST, 2}, {"anybody able to", PH_REQUEST, 2},
    {"anyone available to", PH_REQUEST, 3}, {"anyone free to", PH_REQUEST, 3},
    {"is anyone able", PH_REQUEST, 3}, {"is anybody able", PH_REQUEST, 3},
    {"is anyone free", PH_REQUEST, 3}, {"is anyone around", PH_REQUEST, 3},
    {"is there anyone", PH_REQUEST, 2}, {"is there anybody", PH_REQUEST, 2},
    {"is there someone", PH_REQUEST, 2}, {"anyone who could", PH_REQUEST, 2},
    {"anyone who can", PH_REQUEST, 2}, {"someone who could", PH_REQUEST, 2},
    {"someone who can", PH_REQUEST, 2}, {"someone to", PH_REQUEST, 1},
    {"does anyone have", PH_REQUEST, 3}, {"does anybody have", PH_REQUEST, 3},
    {"do any of you have", PH_REQUEST, 3}, {"anyone have a", PH_REQUEST, 2},
    {"has anyone got", PH_REQUEST, 3}, {"has anybody got", PH_REQUEST, 3},
    {"anyone got a", PH_REQUEST, 2}, {"anyone got any", PH_REQUEST, 2},
    {"does anyone know", PH_REQUEST, 2}, {"anyone know", PH_REQUEST, 1},
    {"any chance someone", PH_REQUEST, 2}, {"any chance anyone", PH_REQUEST, 2},
    {"any chance of", PH_REQUEST, 2}, {"wondering if anyone", PH_REQUEST, 3},
    {"wondered if anyone", PH_REQUEST, 3}, {"wondering if someone", PH_REQUEST, 3},
    {"wondered if someone", PH_REQUEST, 3}, {"wondering if anybody", PH_REQUEST, 3},
    {"if anyone could", PH_REQUEST, 2}, {"if anybody could", PH_REQUEST, 2},
    {"if someone could", PH_REQUEST, 2}, {"if anyone can help", PH_REQUEST, 2},
    {"if someone can help", PH_REQUEST, 2}, {"if anyone has", PH_REQUEST, 2},
    {"if anybody has", PH_REQUEST, 2}, {"if anyone had", PH_REQUEST, 2},
    {"let me know if you can", PH_REQUEST, 2}, {"grateful if", PH_REQUEST, 2},
    {"i need", PH_REQUEST, 2}, {"i really need", PH_REQUEST, 2}, {"we need", PH_REQUEST, 2},
    {"i'll need", PH_REQUEST, 2}, {"i will need", PH_REQUEST, 2}, {"i would need", PH_REQUEST, 1},
    {"need help", PH_REQUEST, 2}, {"need a hand", PH_REQUEST, 2},
    {"need some help", PH_REQUEST, 2}, {"need someone", PH_REQUEST, 2},
    {"need a lift", PH_REQUEST, 2}, {"needs help", PH_REQUEST, 2},
    {"in need of", PH_REQUEST, 2}, {"could do with", PH_REQUEST, 2},
    {"help needed", PH_REQUEST, 3}, {"help wanted", PH_REQUEST, 3},
    {"i'm looking for", PH_REQUEST, 2}, {"i am looking for", PH_REQUEST, 2},
    {"we're looking for", PH_REQUEST, 2}, {"we are looking for", PH_REQUEST, 2},
    {"looking for someone", PH_REQUEST, 2}, {"looking for a", PH_REQUEST, 1},
    {"i'm after", PH_REQUEST, 1}, {"would be grateful", PH_REQUEST, 2},
    {"would be so grateful", PH_REQUEST, 2}, {"would be very grateful", PH_REQUEST, 2},
    {"would be really grateful", PH_REQUEST, 2}, {"be eternally grateful", PH_REQUEST, 2},
    {"would really appreciate", PH_REQUEST, 2}, {"would appreciate", PH_REQUEST, 2},
    {"i'd appreciate", PH_REQUEST, 2}, {"would be much appreciated", PH_REQUEST, 2},
    {"would be a great help", PH_REQUEST, 2}, {"would be a huge help", PH_REQUEST, 2},
    {"would be a big help", PH_REQUEST, 2}, {"would be a lifesaver", PH_REQUEST, 2},
    {"please could", PH_REQUEST, 2}, {"please help", PH_REQUEST, 2},
    {"could you help", PH_REQUEST, 2}, {"can you help", PH_REQUEST, 2},
    {"could i borrow", PH_REQUEST, 3}, {"can i borrow", PH_REQUEST, 3},
    {"could we borrow", PH_REQUEST, 3}, {"can we borrow", PH_REQUEST, 3},
    {"may i borrow", PH_REQUEST, 3}, {"we could borrow", PH_REQUEST, 2},
    {"i could borrow", PH_REQUEST, 2}, {"borrow a", PH_REQUEST, 1},
    {"to borrow", PH_REQUEST, 1}, {"lend me", PH_REQUEST, 2},
    {"i'm struggling", PH_REQUEST, 2}, {"i am struggling", PH_REQUEST, 2},
    {"i can't manage", PH_REQUEST, 2}, {"i cannot manage", PH_REQUEST, 2},
    {"i'm unable to", PH_REQUEST, 2}, {"i am unable to", PH_REQUEST, 2},
    {"i can't get", PH_REQUEST, 1}, {"i can't do", PH_REQUEST, 1},
    {"help me", PH_REQUEST, 1}, {"help us", PH_REQUEST, 1},
    {"does anyone fancy", PH_REQUEST, 3}, {"anyone fancy", PH_REQUEST, 2},
    {"bit of a long shot", PH_REQUEST, 2}, {"long shot", PH_REQUEST, 1},
    {"whoever can", PH_REQUEST, 2}, {"who can help", PH_REQUEST, 2},
    {"run out of", PH_REQUEST, 2}, {"ran out of", PH_REQUEST, 2},
    {"any help appreciated", PH_REQUEST, 3}, {"any help would be", PH_REQUEST, 3},
    {"help would be appreciated", PH_REQUEST, 3}, {"help appreciated", PH_REQUEST, 2},
    {"would love some", PH_REQUEST, 2}, {"don't get out much", PH_REQUEST, 2},
    {"anyone got", PH_REQUEST, 2}, {"anybody got", PH_REQUEST, 2},
    {"looking for a lift", PH_REQUEST, 3}, {"could a kind", PH_REQUEST, 3},
    {"kind neighbour", PH_REQUEST, 2}, {"could a neighbour", PH_REQUEST, 3},
    {"desperately need", PH_REQUEST, 3}, {"i'm housebound", PH_REQUEST, 1},
    {"would anyone", PH_REQUEST, 2}, {"would anybody", PH_REQUEST, 2},
    {"does anyone", PH_REQUEST, 2}, {"does anybody", PH_REQUEST, 2},
    {"is anyone", PH_REQUEST, 2}, {"is anybody", PH_REQUEST, 2},
    {"anyone with a", PH_REQUEST, 2}, {"someone with a", PH_REQUEST, 2},
    {"anybody with a", PH_REQUEST, 2}, {"any volunteers", PH_REQUEST, 3},
    {"any volunteer", PH_REQUEST, 3}, {"recommendation", PH_REQUEST, 2},
    {"recommend", PH_REQUEST, 2}, {"a loan of", PH_REQUEST, 2}, {"lend us", PH_REQUEST, 3},
    {"loan me", PH_REQUEST, 3}, {"life saver", PH_REQUEST, 2}, {"lifesaver", PH_REQUEST, 2},
    {"who could", PH_REQUEST, 1}, {"able to drop me", PH_REQUEST, 2},
    {"be up for", PH_REQUEST, 1}, {"could i ask", PH_REQUEST, 3}, {"can i ask", PH_REQUEST, 3},
    {"does anyone know if", PH_NEUTRAL, 0}, {"does anyone know whether", PH_NEUTRAL, 0},
    {"does anyone know when", PH_NEUTRAL, 0}, {"does anyone know what", PH_NEUTRAL, 0},
    {"does anyone know why", PH_NEUTRAL, 0}, {"anyone know if", PH_NEUTRAL, 0},
    {"has anyone else", PH_NEUTRAL, 0}, {"has anyone seen", PH_NEUTRAL, 0},
    {"anyone interested in helping", PH_NEUTRAL, 0},
    {"anyone else", PH_NEUTRAL, 0}, {"anybody else", PH_NEUTRAL, 0},
    {"is anyone else", PH_NEUTRAL, 0}, {"is anybody else", PH_NEUTRAL, 0},
    {"does anyone else", PH_NEUTRAL, 0}, {"would anyone else", PH_NEUTRAL, 0},
    {"be grateful", PH_REQUEST, 2}, {"be really grateful", PH_REQUEST, 2},
    {"be very grateful", PH_REQUEST, 2}, {"be so grateful", PH_REQUEST, 2},
    {"anyone around to", PH_REQUEST, 3}, {"anyone going to", PH_REQUEST, 2},
    {"anyone going past", PH_REQUEST, 2}, {"anyone heading", PH_REQUEST, 2},
    {"anyone passing", PH_REQUEST, 2}, {"a favour", PH_REQUEST, 1},
    {"do me a favour", PH_REQUEST, 2}, {"ask a favour", PH_REQUEST, 2},
    {"need", PH_REQUEST, 1}, {"urgently", PH_REQUEST, 1},
    /* offering */
    {"i can help", PH_OFFER, 2}, {"i could help", PH_OFFER, 2}, {"we can help", PH_OFFER, 2},
    {"i can offer", PH_OFFER, 3}, {"i could offer", PH_OFFER, 3}, {"we can offer", PH_OFFER, 3},
    {"i'm offering", PH_OFFER, 3}, {"i am offering", PH_OFFER, 3},
    {"we're offering", PH_OFFER, 3}, {"we are offering", PH_OFFER, 3},
    {"offering to", PH_OFFER, 2}, {"i'd like to offer", PH_OFFER, 3},
    {"i would like to offer", PH_OFFER, 3}, {"happy to", PH_OFFER, 2},
    {"more than happy to", PH_OFFER, 2}, {"glad to help", PH_OFFER, 2},
    {"i'd be glad to", PH_OFFER, 2}, {"i'm available", PH_OFFER, 2},
    {"i am available", PH_OFFER, 2}, {"available to", PH_OFFER, 2},
    {"i'm free to", PH_OFFER, 2}, {"i am free to", PH_OFFER, 2}, {"i'm around", PH_OFFER, 1},
    {"i have a spare", PH_OFFER, 3}, {"i've got a spare", PH_OFFER, 3},
    {"we have a spare", PH_OFFER, 3}, {"we've got a spare", PH_OFFER, 3},
    {"i have spare", PH_OFFER, 3}, {"i've got spare", PH_OFFER, 3},
    {"spare", PH_OFFER, 1}, {"free to a good home", PH_OFFER, 3},
    {"to a good home", PH_OFFER, 3}, {"free to anyone", PH_OFFER, 3},
    {"free to collect", PH_OFFER, 3}, {"free for collection", PH_OFFER, 3},
    {"up for grabs", PH_OFFER, 3}, {"giving away", PH_OFFER, 3}, {"to give away", PH_OFFER, 3},
    {"free", PH_OFFER, 1}, {"anyone want", PH_OFFER, 2}, {"anybody want", PH_OFFER, 2},
    {"does anyone want", PH_OFFER, 3}, {"would anyone like", PH_OFFER, 3},
    {"would anyone want", PH_OFFER, 3}, {"would anybody like", PH_OFFER, 3},
    {"could anyone use", PH_OFFER, 3}, {"can anyone use", PH_OFFER, 3},
    {"could anybody use", PH_OFFER, 3}, {"anyone use a", PH_OFFER, 2},
    {"anyone need", PH_OFFER, 2}, {"anybody need", PH_OFFER, 2},
    {"does anyone need", PH_OFFER, 3}, {"does anybody need", PH_OFFER, 3},
    {"anyone interested", PH_OFFER, 2}, {"is anyone interested", PH_OFFER, 3},
    {"would anyone be interested", PH_OFFER, 3}, {"if anyone is interested", PH_OFFER, 3},
    {"if anyone needs", PH_OFFER, 3}, {"if anybody needs", PH_OFFER, 3},
    {"if someone needs", PH_OFFER, 3}, {"if anyone wants", PH_OFFER, 3},
    {"if anybody wants", PH_OFFER, 3}, {"if anyone would like", PH_OFFER, 3},
    {"if anyone fancies", PH_OFFER, 3}, {"if anyone could use", PH_OFFER, 3},
    {"anyone who needs", PH_OFFER, 3}, {"anyone who would like", PH_OFFER, 3},
    {"anyone who'd like", PH_OFFER, 3}, {"anyone who wants", PH_OFFER, 3},
    {"for anyone who", PH_OFFER, 2}, {"anyone in need", PH_OFFER, 2},
    {"if you need", PH_OFFER, 2}, {"if you'd like", PH_OFFER, 2},
    {"if you would like", PH_OFFER, 2}, {"let me know if you need", PH_OFFER, 3},
    {"let me know if you'd like", PH_OFFER, 3}, {"let me know if", PH_OFFER, 1},
    {"just let me know", PH_OFFER, 1}, {"give me a shout", PH_OFFER, 2},
    {"i can do", PH_OFFER, 2}, {"i can give", PH_OFFER, 2}, {"i can lend", PH_OFFER, 3},
    {"i can drive", PH_OFFER, 2}, {"i can take", PH_OFFER, 2}, {"i can pick", PH_OFFER, 2},
    {"i can collect", PH_OFFER, 2}, {"i can cook", PH_OFFER, 2}, {"i can make", PH_OFFER, 2},
    {"i can bring", PH_OFFER, 2}, {"i can walk", PH_OFFER, 2}, {"i can run", PH_OFFER, 2},
    {"i can fetch", PH_OFFER, 2}, {"i can pop", PH_OFFER, 2}, {"i can share", PH_OFFER, 2},
    {"i can sit", PH_OFFER, 2}, {"i can babysit", PH_OFFER, 3}, {"i can fix", PH_OFFER, 2},
    {"i can ring", PH_OFFER, 2}, {"i can call", PH_OFFER, 2}, {"i can visit", PH_OFFER, 2},
    {"i can shop", PH_OFFER, 2}, {"i could do", PH_OFFER, 2}, {"i could give", PH_OFFER, 2},
    {"i could take", PH_OFFER, 2}, {"i could drive", PH_OFFER, 2}, {"i'll happily", PH_OFFER, 2},
    {"i'm willing to", PH_OFFER, 2}, {"i am willing to", PH_OFFER, 2},
    {"i'd be happy to", PH_OFFER, 3}, {"i would be happy to", PH_OFFER, 3},
    {"i'm happy to", PH_OFFER, 3}, {"i am happy to", PH_OFFER, 3},
    {"we're happy to", PH_OFFER, 3}, {"we are happy to", PH_OFFER, 3},
    {"i have some", PH_OFFER, 1}, {"i've got some", PH_OFFER, 1}, {"we have some", PH_OFFER, 1},
    {"i have time", PH_OFFER, 2}, {"i've got time", PH_OFFER, 2}, {"i have a car", PH_OFFER, 2},
    {"i've got a car", PH_OFFER, 2}, {"i can volunteer", PH_OFFER, 3},
    {"i'd like to volunteer", PH_OFFER, 3}, {"to volunteer", PH_OFFER, 1},
    {"i'd love to help", PH_OFFER, 3}, {"can help with", PH_OFFER, 2},
    {"i'd like to help", PH_OFFER, 3}, {"i would like to help", PH_OFFER, 3},
    {"i want to help", PH_OFFER, 3}, {"to help out", PH_OFFER, 1},
    {"help yourselves", PH_OFFER, 3}, {"help yourself", PH_OFFER, 3},
    {"if anyone is", PH_OFFER, 2}, {"if anybody is", PH_OFFER, 2}, {"if anyone's", PH_OFFER, 2},
    {"glad to", PH_OFFER, 2}, {"i'm glad to", PH_OFFER, 3}, {"have space", PH_OFFER, 2},
    {"let us know", PH_OFFER, 1}, {"space at our table", PH_OFFER, 3},     {"can help", PH_OFFER, 2}, {"can lend", PH_OFFER, 2}, {"can take", PH_OFFER, 1},
    {"can give", PH_OFFER, 1}, {"can pick up", PH_OFFER, 1}, {"ping me", PH_OFFER, 2},
    {"if you fancy", PH_OFFER, 2}, {"let me know", PH_OFFER, 1},
    {"i'm up most", PH_OFFER, 1}, {"i'm a good listener", PH_OFFER, 2},
    {"find a use for", PH_OFFER, 3}, {"have a use for", PH_OFFER, 3},
    {"seats free", PH_OFFER, 2}, {"seat free", PH_OFFER, 2}, {"a free seat", PH_OFFER, 2},
    {"happy to share", PH_OFFER, 3}, {"no charge", PH_OFFER, 2},
    {"if anyone's stuck", PH_OFFER, 3}, {"if anyone is stuck", PH_OFFER, 3},
    {"drop me a list", PH_OFFER, 3}, {"send me a list", PH_OFFER, 3},
    {"send me your list", PH_OFFER, 3}, {"have room for", PH_OFFER, 2},
    {"is welcome to", PH_OFFER, 2}, {"are welcome to", PH_OFFER, 2},
    {"is welcome", PH_OFFER, 1}, {"welcome to join", PH_OFFER, 2},
    {"would love to help", PH_OFFER, 3}, {"can do", PH_OFFER, 1},
        {"it's yours", PH_OFFER, 3}, {"they're yours", PH_OFFER, 3}, {"yours if you want", PH_OFFER, 3},
    {"you're welcome to", PH_OFFER, 2}, {"welcome to have", PH_OFFER, 3},
    {"outgrown", PH_OFFER, 1}, {"no longer need", PH_OFFER, 1}, {"going spare", PH_NEUTRAL, 0},
    /* offers asked as questions, or said as a wish to give */
    {"who wants", PH_OFFER, 3}, {"who needs", PH_OFFER, 3}, {"any takers", PH_OFFER, 3},
    {"anyone need a lift", PH_OFFER, 3}, {"does somebody want", PH_OFFER, 3},
    {"somebody want", PH_OFFER, 2}, {"shall i pick", PH_OFFER, 3}, {"shall i get", PH_OFFER, 3},
    {"can i help anyone", PH_OFFER, 3}, {"could i do anyone", PH_OFFER, 3},
    {"can i do anyone", PH_OFFER, 3}, {"could i help anyone", PH_OFFER, 3},
    {"is there any need for", PH_OFFER, 3}, {"is anyone short of", PH_OFFER, 3},
    {"anyone short of", PH_OFFER, 2}, {"of use to anybody", PH_OFFER, 3},
    {"of use to anyone", PH_OFFER, 3}, {"helpful to anyone", PH_OFFER, 3},
    {"useful to anyone", PH_OFFER, 3}, {"looking to give", PH_OFFER, 3},
    {"to go to someone", PH_OFFER, 3}, {"to go to another", PH_OFFER, 3},
    {"to go to a", PH_OFFER, 2}, {"go to a good home", PH_OFFER, 3},
    {"i'd love to be useful", PH_OFFER, 3}, {"where can i help", PH_OFFER, 3},
    {"how can i help", PH_OFFER, 3}, {"glad to see them go", PH_OFFER, 3},
    {"rather it went to", PH_OFFER, 3}, {"need to go", PH_OFFER, 1},
    {"doing the school run", PH_NEUTRAL, 0}, {"happy to do", PH_OFFER, 3},
    {"i can still", PH_OFFER, 2}, {"i can look after", PH_OFFER, 3},
    {"still doing", PH_OFFER, 2}, {"i love cooking", PH_OFFER, 1},
    {"i'll cook", PH_OFFER, 2}, {"fancy joining me", PH_OFFER, 3}, {"theirs", PH_OFFER, 1},
    {"not asking for anything", PH_NEUTRAL, 0}, {"no need to pay", PH_NEUTRAL, 0},
    {"don't want any money", PH_NEUTRAL, 0}, {"don't want paying", PH_NEUTRAL, 0},
    {"doesn't fit me", PH_NEUTRAL, 0},
    /* needs said as a situation: what the writer can no longer do, or what broke */
    {"can no longer", PH_REQUEST, 2}, {"can't manage", PH_REQUEST, 2},
    {"nobody to", PH_REQUEST, 2}, {"no one to", PH_REQUEST, 2}, {"no way of", PH_REQUEST, 2},
    {"no way to", PH_REQUEST, 2}, {"too high for me", PH_REQUEST, 2},
    {"too heavy for me", PH_REQUEST, 2}, {"too far for me", PH_REQUEST, 2},
    {"can't reach", PH_REQUEST, 2}, {"cupboards are empty", PH_REQUEST, 3},
    {"the fridge is empty", PH_REQUEST, 3}, {"we are freezing", PH_REQUEST, 3},
    {"we're freezing", PH_REQUEST, 3}, {"no heating", PH_REQUEST, 2},
    {"has broken", PH_REQUEST, 1}, {"broke on", PH_REQUEST, 1}, {"has died", PH_REQUEST, 1},
    {"died this morning", PH_REQUEST, 2}, {"stuck indoors", PH_REQUEST, 2},
    {"i'm stuck", PH_REQUEST, 1}, {"i'm dreading", PH_REQUEST, 2}, {"on my own", PH_REQUEST, 1},
    {"fell through", PH_REQUEST, 2}, {"i'm on a shift", PH_REQUEST, 1},
    {"won't be paid", PH_REQUEST, 2}, {"is on zero", PH_REQUEST, 2}, {"skint", PH_REQUEST, 2},
    {"i don't know where", PH_REQUEST, 1}, {"nobody answers", PH_REQUEST, 1},
    {"is waiting at the chemist", PH_REQUEST, 2}, {"can't go out", PH_REQUEST, 2},
    {"last nappy", PH_REQUEST, 2}, {"hasn't been walked", PH_REQUEST, 2},
    {"hasn't seen anyone", PH_REQUEST, 2}, {"she'd love a visitor", PH_REQUEST, 3},
    {"he'd love a visitor", PH_REQUEST, 3}, {"i can't", PH_REQUEST, 1},
    {"i cannot", PH_REQUEST, 1}, {"i'm not able to", PH_REQUEST, 2},
    {"i am not able to", PH_REQUEST, 2}, {"what i do need", PH_REQUEST, 3},
    {"what would really help", PH_REQUEST, 3}, {"but still need", PH_REQUEST, 3},
    {"i'm asking", PH_REQUEST, 2}, {"i'm looking for one", PH_REQUEST, 3},
    {"i would like help", PH_REQUEST, 3}, {"i'd like help", PH_REQUEST, 3},
    {"has anyone been through", PH_REQUEST, 2}, {"don't know who to", PH_REQUEST, 2},
    {"if anyone is going", PH_REQUEST, 2}, {"going that way", PH_REQUEST, 1},
    {"if any parents", PH_OFFER, 2}, {"if any parent", PH_OFFER, 2},
    {"if any of you could", PH_REQUEST, 3}, {"anyone want to help", PH_REQUEST, 3},
    {"want to help me", PH_REQUEST, 3},
    {"i'll pay it back", PH_NEUTRAL, 0}, {"pay you back", PH_NEUTRAL, 0},
    /* "would anyone like to" do a thing asks, unless it is to come or join */
    {"would anyone like to", PH_REQUEST, 2}, {"would anybody like to", PH_REQUEST, 2},
    {"would anyone like to come", PH_OFFER, 3}, {"would anyone like to join", PH_OFFER, 3},
    {"would anybody like to come", PH_OFFER, 3}, {"would anybody like to join", PH_OFFER, 3},
    /* "who needs" that names the writer or theirs, not a reader: a request */
    {"one who needs", PH_REQUEST, 3}, {"the one who needs", PH_REQUEST, 3},
    {"one that needs", PH_REQUEST, 3}, {"mum who needs", PH_REQUEST, 3},
    {"dad who needs", PH_REQUEST, 3}, {"husband who needs", PH_REQUEST, 3},
    {"wife who needs", PH_REQUEST, 3}, {"son who needs", PH_REQUEST, 3},
    {"daughter who needs", PH_REQUEST, 3}, {"i'm the one", PH_REQUEST, 2},
    {"me who needs", PH_REQUEST, 3}, {"me that needs", PH_REQUEST, 3},
    {"us who need", PH_REQUEST, 3}, {"mother who needs", PH_REQUEST, 3},
    {"father who needs", PH_REQUEST, 3}, {"neighbour who needs", PH_REQUEST, 3},
    {"friend who needs", PH_REQUEST, 3}, {"nan who needs", PH_REQUEST, 3},
    {"gran who needs", PH_REQUEST, 3}, {"partner who needs", PH_REQUEST, 3},
    /* offers said as a plain statement about a thing the writer has or is clearing */
    {"don't need it any more", PH_OFFER, 3}, {"don't need them any more", PH_OFFER, 3},
    {"don't need it anymore", PH_OFFER, 3}, {"don't need them anymore", PH_OFFER, 3},
    {"don't use it any more", PH_OFFER, 3}, {"don't use it anymore", PH_OFFER, 3},
    {"no longer needed", PH_OFFER, 2}, {"having a clear out", PH_OFFER, 3},
    {"having a clear-out", PH_OFFER, 3}, {"clearing out", PH_OFFER, 2},
    {"taking up space", PH_OFFER, 2}, {"taking up room", PH_OFFER, 2},
    {"going to anyone", PH_OFFER, 3}, {"here if anyone", PH_OFFER, 3},
    {"here for anyone", PH_OFFER, 3}, {"here if you need", PH_OFFER, 3},
    {"is up for grabs", PH_OFFER, 3}, {"free to whoever", PH_OFFER, 3},
    {"sitting in my garage", PH_OFFER, 2}, {"sitting in the garage", PH_OFFER, 2},
    {"sitting in my shed", PH_OFFER, 2}, {"gathering dust", PH_OFFER, 2},
    {"there's a bag of", PH_OFFER, 2}, {"there's a box of", PH_OFFER, 2},
    {"there are some", PH_OFFER, 1}, {"still works", PH_OFFER, 2}, {"works fine", PH_OFFER, 2},
    {"works perfectly", PH_OFFER, 2}, {"we've upgraded", PH_OFFER, 2},
    {"i've upgraded", PH_OFFER, 2}, {"collect from", PH_OFFER, 1},
    /* needs said as the state of the house */
    {"got nothing in", PH_REQUEST, 2}, {"nothing in the cupboard", PH_REQUEST, 2},
    {"nothing in the fridge", PH_REQUEST, 2}, {"until payday", PH_REQUEST, 2},
    {"nothing to eat", PH_REQUEST, 3}, {"no food in", PH_REQUEST, 2},
    {"may as well have", PH_OFFER, 3}, {"might as well have", PH_OFFER, 3},
    {"could have it", PH_OFFER, 2}, {"could have them", PH_OFFER, 2},
    {"left over", PH_OFFER, 2}, {"since my wife died", PH_REQUEST, 2},
    {"since my husband died", PH_REQUEST, 2}, {"since my wife passed", PH_REQUEST, 2},
    {"since my husband passed", PH_REQUEST, 2}, {"phone never rings", PH_REQUEST, 2},
    {"days are long", PH_REQUEST, 2},
    {"i could do with", PH_REQUEST, 3}, {"we could do with", PH_REQUEST, 3},
    {"could really do with", PH_REQUEST, 3}, {"would love someone to", PH_REQUEST, 3},
    {"would really love someone", PH_REQUEST, 3}, {"would love someone", PH_REQUEST, 3},
    {"would like someone to", PH_REQUEST, 3}, {"would really like someone", PH_REQUEST, 3},
    {"lives on his own", PH_REQUEST, 2}, {"lives on her own", PH_REQUEST, 2},
    {"lives alone", PH_REQUEST, 2}, {"live alone", PH_REQUEST, 1},
    {"speak to a soul", PH_REQUEST, 2}, {"see a soul", PH_REQUEST, 2},
    {"doesn't see anyone", PH_REQUEST, 2}, {"don't see anyone", PH_REQUEST, 2},
    {"hasn't spoken to anyone", PH_REQUEST, 2}, {"can't drive", PH_REQUEST, 2},
    {"cannot drive", PH_REQUEST, 2}, {"not allowed to drive", PH_REQUEST, 2},
    {"can't get to", PH_REQUEST, 2}, {"can't get out", PH_REQUEST, 2},
    {"cannot get out", PH_REQUEST, 2}, {"can't get there", PH_REQUEST, 2},
    {"not been able to", PH_REQUEST, 2}, {"haven't been able to", PH_REQUEST, 2},
    {"have not been able to", PH_REQUEST, 2}, {"not able to get", PH_REQUEST, 2},
    {"can't carry", PH_REQUEST, 2}, {"cannot carry", PH_REQUEST, 2},
    {"no car", PH_REQUEST, 1}, {"don't have a car", PH_REQUEST, 2},
    {"haven't got a car", PH_REQUEST, 2}, {"don't drive", PH_REQUEST, 2},
    {"packed up", PH_REQUEST, 2}, {"stopped working", PH_REQUEST, 2},
    {"broken down", PH_REQUEST, 2}, {"is broken", PH_REQUEST, 2}, {"has broken", PH_REQUEST, 2},
    {"on my own with", PH_REQUEST, 2}, {"nearly empty", PH_REQUEST, 2},
    {"is empty", PH_REQUEST, 1}, {"since my op", PH_REQUEST, 2},
    {"since my operation", PH_REQUEST, 2}, {"after my op", PH_REQUEST, 1},
    {"after my operation", PH_REQUEST, 1}, {"been poorly", PH_REQUEST, 2},
    {"i'm poorly", PH_REQUEST, 2}, {"i am poorly", PH_REQUEST, 2}, {"in bed with", PH_REQUEST, 2},
    {"hasn't been out", PH_REQUEST, 2}, {"haven't been out", PH_REQUEST, 2},
    {"is bad again", PH_REQUEST, 1}, {"i can no longer", PH_REQUEST, 2},
    {"i can hardly", PH_REQUEST, 2}, {"i can barely", PH_REQUEST, 2},
    /* "I can feed cats while you're away": an I who can, unless it is for themselves */
    {"i'll drop", PH_OFFER, 2}, {"i'll bring", PH_OFFER, 2}, {"i'll pop", PH_OFFER, 2},
    {"i'll do", PH_OFFER, 1}, {"i'll take", PH_OFFER, 1}, {"i'll make", PH_OFFER, 2},
    {"i'll drive", PH_OFFER, 2}, {"enough for", PH_OFFER, 2}, {"there's enough", PH_OFFER, 2},
    {"daren't", PH_REQUEST, 2}, {"dare not", PH_REQUEST, 2},
    {"too scared to", PH_REQUEST, 2}, {"afraid to go out", PH_REQUEST, 2},
    {"frightened to", PH_REQUEST, 2}, {"won't start", PH_REQUEST, 2},
    {"i have to get", PH_REQUEST, 1}, {"has no power", PH_REQUEST, 2}, {"no power", PH_REQUEST, 1},
    /* more of how people ask */
    {"i was wondering if", PH_REQUEST, 2}, {"wondering if", PH_REQUEST, 2},
    {"i wonder if anyone", PH_REQUEST, 3}, {"i wonder whether", PH_REQUEST, 2},
    {"would it be possible", PH_REQUEST, 2}, {"is it possible for someone", PH_REQUEST, 3},
    {"could you possibly", PH_REQUEST, 2}, {"could i possibly", PH_REQUEST, 2},
    {"any chance", PH_REQUEST, 2}, {"anyone free", PH_REQUEST, 2},
    {"anyone available", PH_REQUEST, 2}, {"anyone help", PH_REQUEST, 2},
    {"help please", PH_REQUEST, 3}, {"please can", PH_REQUEST, 2},
    {"i'm in need", PH_REQUEST, 2}, {"badly need", PH_REQUEST, 3}, {"really need", PH_REQUEST, 2},
    {"if someone is able", PH_REQUEST, 2}, {"would someone be", PH_REQUEST, 2},
    {"someone who knows", PH_REQUEST, 2}, {"anyone who knows", PH_REQUEST, 2},
    {"anyone know someone", PH_REQUEST, 2}, {"anyone have", PH_REQUEST, 2},
    {"anybody have", PH_REQUEST, 2}, {"thanks in advance", PH_REQUEST, 2},
    {"thank you in advance", PH_REQUEST, 2}, {"any advice", PH_REQUEST, 2},
    {"advice please", PH_REQUEST, 2}, {"struggling to", PH_REQUEST, 2},
    {"struggling with", PH_REQUEST, 2}, {"finding it hard", PH_REQUEST, 2},
    {"finding it difficult", PH_REQUEST, 2}, {"too much for me", PH_REQUEST, 2},
    {"can't cope", PH_REQUEST, 2}, {"at my wits end", PH_REQUEST, 2},
    {"desperate", PH_REQUEST, 2}, {"stranded", PH_REQUEST, 2}, {"housebound", PH_REQUEST, 2},
    {"self-isolating", PH_REQUEST, 2}, {"shielding", PH_REQUEST, 2}, {"laid up", PH_REQUEST, 2},
    {"recovering from", PH_REQUEST, 2}, {"broken my", PH_REQUEST, 2}, {"broke my", PH_REQUEST, 2},
    {"on crutches", PH_REQUEST, 2}, {"in a cast", PH_REQUEST, 2},
    {"is in hospital", PH_REQUEST, 2}, {"i'm in hospital", PH_REQUEST, 2},
    /* more of how people offer */
    {"happy to help", PH_OFFER, 3}, {"i don't mind", PH_OFFER, 2},
    {"don't mind helping", PH_OFFER, 3}, {"i'd be glad", PH_OFFER, 2},
    {"anyone welcome", PH_OFFER, 2}, {"for free", PH_OFFER, 2}, {"collection only", PH_OFFER, 2},
    {"needs collecting", PH_OFFER, 2}, {"can be collected", PH_OFFER, 3},
    {"going begging", PH_OFFER, 3}, {"if it's useful", PH_OFFER, 2},
    {"if it helps", PH_OFFER, 2}, {"if useful", PH_OFFER, 2}, {"could be useful", PH_OFFER, 2},
    {"might be useful", PH_OFFER, 2}, {"be of use", PH_OFFER, 2}, {"make use of", PH_OFFER, 2},
    {"give it a home", PH_OFFER, 3}, {"give them a home", PH_OFFER, 3}, {"rehome", PH_OFFER, 3},
    {"re-home", PH_OFFER, 3}, {"needs a new home", PH_OFFER, 3},
    {"looking for a new home", PH_OFFER, 3}, {"looking for a home", PH_OFFER, 3},
    {"looking for a good home", PH_OFFER, 3}, {"find a home for", PH_OFFER, 2},
    {"the offer stands", PH_OFFER, 3}, {"offer still stands", PH_OFFER, 3},
    {"available for", PH_OFFER, 2},
    {"at your disposal", PH_OFFER, 3}, {"i volunteer", PH_OFFER, 3},
    {"i'm driving to", PH_OFFER, 2}, {"i'm heading", PH_OFFER, 2},
    {"room in the car", PH_OFFER, 3}, {"space in the car", PH_OFFER, 3},
    {"spare seat", PH_OFFER, 3}, {"shout if", PH_OFFER, 2}, {"drop me a line", PH_OFFER, 2},
    {"drop me an email", PH_OFFER, 2}, {"just ask", PH_OFFER, 2}, {"just shout", PH_OFFER, 2},
    {"message me", PH_OFFER, 2}, {"email me", PH_OFFER, 1}, {"no cost", PH_OFFER, 1},
    {"i've got loads of", PH_OFFER, 2}, {"we've got loads", PH_OFFER, 2},
    {"made too much", PH_OFFER, 2}, {"cooked too much", PH_OFFER, 2},
    {"bought too many", PH_OFFER, 2}, {"leftover", PH_OFFER, 1},
    {"can't get into", PH_REQUEST, 2}, {"asking for", PH_REQUEST, 2},
    {"give me a hand", PH_REQUEST, 3}, {"give us a hand", PH_REQUEST, 3},
    {"lend me a hand", PH_REQUEST, 3}, {"i'd like someone to", PH_REQUEST, 3},
    {"i want someone to", PH_REQUEST, 3}, {"looking for help", PH_REQUEST, 3},
    {"need to borrow", PH_REQUEST, 3}, {"want to borrow", PH_REQUEST, 3},
    {"trying to find", PH_REQUEST, 2}, {"need to find", PH_REQUEST, 2},
    {"someone to help", PH_REQUEST, 2}, {"help getting", PH_REQUEST, 2},
    {"help with my", PH_REQUEST, 2}, {"help to get", PH_REQUEST, 2},
    {"happy to lend a hand", PH_OFFER, 3}, {"lend a hand", PH_OFFER, 2},
    {"if anyone can", PH_REQUEST, 2}, {"if anybody can", PH_REQUEST, 2},
    {"if someone can", PH_REQUEST, 2}, {"if somebody can", PH_REQUEST, 2},
    {"had a fall", PH_REQUEST, 2}, {"can't do the stairs", PH_REQUEST, 2},
    {"can't manage the stairs", PH_REQUEST, 2}, {"i'm working until", PH_REQUEST, 1},
    {"bit cheeky", PH_REQUEST, 2}, {"cheeky asking", PH_REQUEST, 2},
    {"if you're", PH_OFFER, 1}, {"there'll be plenty", PH_OFFER, 2}, {"plenty over", PH_OFFER, 2},
    {"plenty left", PH_OFFER, 2}, {"a plate for", PH_OFFER, 2},
    {"anybody who would like", PH_OFFER, 3}, {"anybody who'd like", PH_OFFER, 3},
    {"anybody who wants", PH_OFFER, 3}, {"anybody who needs", PH_OFFER, 3},
    {"if any", PH_OFFER, 1}, {"with your name on", PH_OFFER, 3},
    {"is free", PH_OFFER, 2}, {"are free", PH_OFFER, 2}, {"is it free", PH_NEUTRAL, 0},
    {"are they free", PH_NEUTRAL, 0}, {"free to whoever", PH_OFFER, 3},
    {"to whoever wants", PH_OFFER, 3}, {"whoever wants", PH_OFFER, 3},
    {"whoever needs", PH_OFFER, 3}, {"whoever would like", PH_OFFER, 3},
    {"whoever can use", PH_OFFER, 3}, {"to whoever", PH_OFFER, 2}, {"yours if", PH_OFFER, 3},
    {"yours for the taking", PH_OFFER, 3}, {"can have it", PH_OFFER, 2},
    {"can have them", PH_OFFER, 2}, {"welcome to it", PH_OFFER, 3},
    {"welcome to them", PH_OFFER, 3}, {"if it's any use", PH_OFFER, 3},
    {"any use to", PH_OFFER, 2}, {"of any use", PH_OFFER, 2}, {"any good to", PH_OFFER, 2},
    {"go to waste", PH_OFFER, 2}, {"shame to throw", PH_OFFER, 3},
    {"rather not throw", PH_OFFER, 3}, {"rather not bin", PH_OFFER, 3},
    {"before i throw", PH_OFFER, 2}, {"no longer use", PH_OFFER, 2},
    {"barely used", PH_OFFER, 2}, {"hardly used", PH_OFFER, 2}, {"good condition", PH_OFFER, 2},
    {"good nick", PH_OFFER, 2}, {"working order", PH_OFFER, 2}, {"like new", PH_OFFER, 2},
    {"collection from", PH_OFFER, 2}, {"i'm your man", PH_OFFER, 3},
    {"i'm your woman", PH_OFFER, 3}, {"at your service", PH_OFFER, 3},
    {"say the word", PH_OFFER, 2}, {"i'd be pleased to", PH_OFFER, 3},
    {"i'd be delighted to", PH_OFFER, 3}, {"i would be pleased to", PH_OFFER, 3},
    {"i'd gladly", PH_OFFER, 3}, {"i'll gladly", PH_OFFER, 3}, {"pleased to help", PH_OFFER, 3},
    {"i'd love to", PH_OFFER, 1}, {"free most", PH_OFFER, 2},
    {"anyone who'd find", PH_OFFER, 3}, {"anyone who could use", PH_OFFER, 3},
    {"anyone who can use", PH_OFFER, 3}, {"anyone that needs", PH_OFFER, 3},
    {"anyone that wants", PH_OFFER, 3}, {"anybody that needs", PH_OFFER, 3},
    {"who would like", PH_OFFER, 2}, {"who'd like", PH_OFFER, 2},
    {"i can", PH_OFFER, 1},
    {"before i can", PH_NEUTRAL, 0}, {"until i can", PH_NEUTRAL, 0},
    {"if i can", PH_NEUTRAL, 0}, {"i can only", PH_NEUTRAL, 0}, {"i can see", PH_NEUTRAL, 0},
    {"i can get to", PH_NEUTRAL, 0}, {"i can manage", PH_NEUTRAL, 0},
    {"i can feed", PH_OFFER, 2}, {"i can teach", PH_OFFER, 2}, {"i can read", PH_OFFER, 2},
    {"i can mend", PH_OFFER, 2}, {"i can sew", PH_OFFER, 2}, {"i can iron", PH_OFFER, 2},
    {"i can clean", PH_OFFER, 2}, {"i can carry", PH_OFFER, 2}, {"i can keep", PH_OFFER, 2},
    {"i can deliver", PH_OFFER, 2}, {"i can host", PH_OFFER, 2}, {"i can store", PH_OFFER, 2},
    {"i can check", PH_OFFER, 2}, {"i can look", PH_OFFER, 2}, {"i can put", PH_OFFER, 2},
    {"i can help out", PH_OFFER, 2}, {"we can", PH_OFFER, 1}, {"can bring", PH_OFFER, 2},
    {"to anyone who", PH_OFFER, 1}, {"round to anyone", PH_OFFER, 2},
    {"is there anyone who'd like", PH_OFFER, 3}, {"is there anyone who would like", PH_OFFER, 3},
    {"is there anyone who wants", PH_OFFER, 3}, {"is there anyone who needs", PH_OFFER, 3},
    {"is there anybody who'd like", PH_OFFER, 3}, {"would anyone else like", PH_OFFER, 3},
    {"going free", PH_OFFER, 3}, {"a new home for", PH_OFFER, 3}, {"a home for", PH_OFFER, 2},
    {"we'd love to have", PH_OFFER, 3}, {"would love to have someone", PH_OFFER, 3},
    {"room at the table", PH_OFFER, 3}, {"anyone is welcome", PH_OFFER, 3},
    {"welcome to the lot", PH_OFFER, 3}, {"no use for", PH_OFFER, 2},
    {"don't use any more", PH_OFFER, 2}, {"don't use anymore", PH_OFFER, 2},
    {"i don't use", PH_OFFER, 2}, {"we don't use", PH_OFFER, 2}, {"we never use", PH_OFFER, 2},
    {"i never use", PH_OFFER, 2},
    {"not looking for payment", PH_NEUTRAL, 0}, {"not looking for money", PH_NEUTRAL, 0},
    {"thanks to whoever", PH_GROUP, 1}, {"thank you to whoever", PH_GROUP, 1},
    {"to whoever left", PH_GROUP, 1}, {"you're stars", PH_GROUP, 1},
    {"you are stars", PH_GROUP, 1}, {"you're all stars", PH_GROUP, 1},
    {"you lot", PH_GROUP, 1}, {"wanted to say", PH_GROUP, 1}, {"how much this", PH_GROUP, 1},
    {"thank you all", PH_GROUP, 1}, {"thanks everyone", PH_GROUP, 1},
    {"thank you everyone", PH_GROUP, 1}, {"all welcome", PH_GROUP, 1},
    {"everyone welcome", PH_GROUP, 1}, {"opening hours", PH_GROUP, 1},
    {"reminder", PH_GROUP, 1}, {"fyi", PH_GROUP, 1}, {"your posts", PH_GROUP, 1},
    {"post things", PH_GROUP, 1}, {"the rules", PH_GROUP, 1}, {"my post", PH_GROUP, 1},
    {"the rota", PH_GROUP, 1}, {"this month", PH_GROUP, 1}, {"volunteers", PH_GROUP, 1},
    {"the meeting", PH_GROUP, 1}, {"i'm new here", PH_GROUP, 1},
    {"gracias a todos", PH_GROUP, 1}, {"muchas gracias a todos", PH_GROUP, 1},
    {"vecinos así", PH_GROUP, 1}, {"dziękuję wszystkim", PH_GROUP, 1},
    {"jesteście wspaniali", PH_GROUP, 1}, {"zapraszamy", PH_GROUP, 1},
    {"los invitamos", PH_GROUP, 1}, {"les invitamos", PH_GROUP, 1},
    {"raffle", PH_GROUP, 1}, {"tombola", PH_GROUP, 1}, {"christmas fair", PH_GROUP, 1},
    {"bake sale", PH_GROUP, 1}, {"cake stall", PH_GROUP, 1}, {"grotto", PH_GROUP, 1},
    {"fundraiser", PH_GROUP, 1}, {"fundraising", PH_GROUP, 1}, {"quiz night", PH_GROUP, 1},
    {"take me off", PH_GROUP, 2}, {"remove me from", PH_GROUP, 2}, {"off the list", PH_GROUP, 2},
    {"the daily email", PH_GROUP, 1}, {"stop the emails", PH_GROUP, 2},
    {"unsubscribe", PH_GROUP, 2}, {"want to tell you", PH_GROUP, 2},
    {"wanted to tell you", PH_GROUP, 2}, {"wanted to share", PH_GROUP, 2},
    {"want to share", PH_GROUP, 1}, {"what happened yesterday", PH_GROUP, 1},
    /* mail about the group itself: how it works, its news, ideas for it */
    {"the group", PH_GROUP, 1}, {"this group", PH_GROUP, 1}, {"our group", PH_GROUP, 1},
    {"the digest", PH_GROUP, 1}, {"on the list", PH_GROUP, 1}, {"the coordinators", PH_GROUP, 1},
    {"just an idea", PH_GROUP, 1}, {"the idea", PH_GROUP, 1}, {"who runs", PH_GROUP, 1},
    {"organising", PH_GROUP, 1}, {"how do i", PH_GROUP, 1}, {"how does", PH_GROUP, 1},
    {"leaflets", PH_GROUP, 1}, {"warm space", PH_GROUP, 1}, {"get together", PH_GROUP, 1},
    {"heads up", PH_GROUP, 1}, {"next meeting", PH_GROUP, 1}, {"we agreed", PH_GROUP, 1},
    {"this address", PH_GROUP, 1}, {"ogłoszenie", PH_GROUP, 1}, {"grupę", PH_GROUP, 1},
    {"grupa", PH_GROUP, 1}, {"grupy", PH_GROUP, 1}, {"cómo funciona", PH_GROUP, 1},
    {"el grupo", PH_GROUP, 1}, {"este grupo", PH_GROUP, 1}, {"el resumen", PH_GROUP, 1},
    /* asking, in more of the ways people write it */
    {"would a volunteer", PH_REQUEST, 3}, {"could a volunteer", PH_REQUEST, 3},
    {"can a volunteer", PH_REQUEST, 3}, {"need somebody", PH_REQUEST, 2},
    {"looking for a person", PH_REQUEST, 3}, {"looking for somebody", PH_REQUEST, 2},
    {"somebody has a", PH_REQUEST, 2}, {"someone has a", PH_REQUEST, 2},
    {"anyone has a", PH_REQUEST, 2}, {"somebody to", PH_REQUEST, 1},
    {"take me to", PH_REQUEST, 2}, {"drive me to", PH_REQUEST, 2},
    {"give me a lift", PH_REQUEST, 3}, {"run me to", PH_REQUEST, 2},
    {"take us to", PH_REQUEST, 2}, {"also wanted", PH_REQUEST, 3},
    {"glad of", PH_REQUEST, 2}, {"very glad of", PH_REQUEST, 3}, {"glad of help", PH_REQUEST, 3},
    {"grateful for help", PH_REQUEST, 2}, {"love a visitor", PH_REQUEST, 2},
    {"would love a visitor", PH_REQUEST, 3}, {"love a visit", PH_REQUEST, 2},
    {"not safe on my feet", PH_REQUEST, 3}, {"not steady on my feet", PH_REQUEST, 3},
    {"unsteady on my feet", PH_REQUEST, 3}, {"can't walk far", PH_REQUEST, 2},
    {"cannot walk far", PH_REQUEST, 2}, {"too heavy for", PH_REQUEST, 2},
    {"car's in the garage", PH_REQUEST, 2}, {"car is in the garage", PH_REQUEST, 2},
    {"rent is due", PH_REQUEST, 2}, {"has been stopped", PH_REQUEST, 2},
    {"been stopped", PH_REQUEST, 2}, {"keeps getting out", PH_REQUEST, 2},
    {"don't have car", PH_REQUEST, 2}, {"we don't have a car", PH_REQUEST, 2},
    {"somebody can", PH_REQUEST, 1}, {"someone can", PH_REQUEST, 1},
    {"anybody can", PH_REQUEST, 1}, {"anyone can", PH_REQUEST, 1},
    {"anyone can come", PH_OFFER, 3}, {"anyone can join", PH_OFFER, 3},
    {"anyone can take", PH_OFFER, 3}, {"anybody can have", PH_OFFER, 3},
    {"going to take me", PH_NEUTRAL, 0}, {"will take me", PH_NEUTRAL, 0},
    {"is taking me", PH_NEUTRAL, 0}, {"going to drive me", PH_NEUTRAL, 0},
    {"will drive me", PH_NEUTRAL, 0}, {"is driving me", PH_NEUTRAL, 0},
    {"needed anymore", PH_NEUTRAL, 0}, {"needed any more", PH_NEUTRAL, 0},
    {"is anyone wanting", PH_OFFER, 3}, {"is anybody wanting", PH_OFFER, 3},
    {"if anyone's going", PH_REQUEST, 2}, {"if anyone's doing", PH_REQUEST, 2},
    {"if anyone is doing", PH_REQUEST, 2}, {"to last me", PH_REQUEST, 2}, {"to last us", PH_REQUEST, 2},
    {"not gone into the bank", PH_REQUEST, 2}, {"hasn't gone into", PH_REQUEST, 2},
    {"hasn't gone in", PH_REQUEST, 2}, {"isn't answering", PH_REQUEST, 1},
    {"it's freezing in here", PH_REQUEST, 2}, {"freezing in here", PH_REQUEST, 2},
    {"need the space", PH_NEUTRAL, 0}, {"need the room", PH_NEUTRAL, 0},
    {"i'll give you the list", PH_NEUTRAL, 0}, {"give you the money", PH_NEUTRAL, 0},
    {"i'll give you the money", PH_NEUTRAL, 0}, {"i'll take her", PH_NEUTRAL, 0},
    {"i'll take him", PH_NEUTRAL, 0}, {"take it from here", PH_NEUTRAL, 0},
    /* offering, in more of the ways people write it */
    {"would it help", PH_OFFER, 3}, {"would it be useful if i", PH_OFFER, 3},
    {"would it be helpful if i", PH_OFFER, 3}, {"would that help", PH_OFFER, 2},
    {"would anyone like me to", PH_OFFER, 3}, {"want me to", PH_OFFER, 2},
    {"like me to", PH_OFFER, 2}, {"just tell me", PH_OFFER, 2}, {"tell me what", PH_OFFER, 2},
    {"pretty handy", PH_OFFER, 2}, {"i'm handy", PH_OFFER, 2}, {"handy with", PH_OFFER, 2},
    {"better going to", PH_OFFER, 3}, {"go to somebody", PH_OFFER, 3},
    {"to somebody who", PH_OFFER, 2}, {"to someone who", PH_OFFER, 2},
    {"who will use it", PH_OFFER, 3}, {"who'll use it", PH_OFFER, 3},
    {"who will use them", PH_OFFER, 3}, {"who'll use them", PH_OFFER, 3},
    {"to a family", PH_OFFER, 2}, {"rather than leave it", PH_OFFER, 2},
    {"rather than throw", PH_OFFER, 3}, {"give for free", PH_OFFER, 3}, {"i give", PH_OFFER, 2},
    {"free to anybody", PH_OFFER, 3}, {"to anybody who", PH_OFFER, 2},
    {"in good order", PH_OFFER, 2}, {"good quality", PH_OFFER, 2}, {"never worn", PH_OFFER, 2},
    {"never been worn", PH_OFFER, 2}, {"never used", PH_OFFER, 2}, {"unworn", PH_OFFER, 2},
    {"keep somebody warm", PH_OFFER, 3}, {"keep someone warm", PH_OFFER, 3},
    {"come and get", PH_OFFER, 2}, {"come and get some", PH_OFFER, 3},
    {"come and collect", PH_OFFER, 2}, {"bring them over", PH_OFFER, 2},
    {"bring it over", PH_OFFER, 2}, {"bring them round", PH_OFFER, 2},
    {"baked too many", PH_OFFER, 3}, {"made too many", PH_OFFER, 3},
    {"anyone can borrow", PH_OFFER, 3},
    {"anyone can have", PH_OFFER, 3}, {"somebody can have", PH_OFFER, 3},
    {"someone can have", PH_OFFER, 3}, {"anyone can use", PH_OFFER, 3},
    {"can borrow them", PH_OFFER, 2}, {"can borrow it", PH_OFFER, 2},
    {"that need doing", PH_OFFER, 3}, {"that needs doing", PH_OFFER, 3},
    {"that need fixing", PH_OFFER, 3}, {"that needs fixing", PH_OFFER, 3},
    {"that need mending", PH_OFFER, 3}, {"that needs mending", PH_OFFER, 3},
    {"who'd fit", PH_OFFER, 3}, {"who would fit", PH_OFFER, 3}, {"who'd enjoy", PH_OFFER, 3},
    {"who would enjoy", PH_OFFER, 3}, {"who's after", PH_OFFER, 3}, {"who is after", PH_OFFER, 3},
    {"anyone after", PH_OFFER, 2}, {"anyone wanting", PH_OFFER, 3},
    {"anybody wanting", PH_OFFER, 3}, {"wherever you need", PH_OFFER, 3},
    {"doing nothing", PH_OFFER, 2}, {"put them to use", PH_OFFER, 3},
    {"put it to use", PH_OFFER, 3}, {"put to good use", PH_OFFER, 3},
    {"afternoons free", PH_OFFER, 2}, {"evenings free", PH_OFFER, 2},
    {"mornings free", PH_OFFER, 2}, {"days free", PH_OFFER, 2}, {"love to cook", PH_OFFER, 3},
    {"bring the plates", PH_OFFER, 2}, {"for the neighbourhood", PH_OFFER, 2},
    {"bagged up", PH_OFFER, 2}, {"tempt anyone", PH_OFFER, 3}, {"go to a", PH_OFFER, 2},
    {"too good for the tip", PH_OFFER, 3}, {"too good to throw", PH_OFFER, 3},
    {"for the tip", PH_OFFER, 2}, {"i can have a look", PH_OFFER, 3},
    {"only the parts", PH_OFFER, 2}, {"pay for the parts", PH_OFFER, 2},
    {"got loads of", PH_OFFER, 2}, {"take some", PH_OFFER, 2}, {"grab some", PH_OFFER, 2},
    {"nothing in return", PH_OFFER, 2}, {"if anyone's expecting", PH_OFFER, 3},
    {"to whoever can", PH_REQUEST, 2}, {"to whoever could", PH_REQUEST, 2},
    {"does anybody want", PH_OFFER, 3}, {"would anybody want", PH_OFFER, 3},
    {"anybody interested", PH_OFFER, 2}, {"is anybody interested", PH_OFFER, 3},
    {"would anybody be interested", PH_OFFER, 3}, {"if anybody would like", PH_OFFER, 3},
    {"does anyone's", PH_OFFER, 2}, {"does anyones", PH_OFFER, 2},
    {"pretty good with", PH_OFFER, 2}, {"good with tech", PH_OFFER, 2},
    {"need volunteer hours", PH_NEUTRAL, 0}, {"need help eating", PH_OFFER, 3},
    {"help eating", PH_OFFER, 2}, {"help finishing", PH_OFFER, 2},
    {"before they're gone", PH_OFFER, 2}, {"before it's gone", PH_OFFER, 2},
    {"come by", PH_OFFER, 1}, {"come get", PH_OFFER, 2}, {"come get them", PH_OFFER, 3},
    {"come get it", PH_OFFER, 3}, {"come grab", PH_OFFER, 3}, {"send it to me", PH_OFFER, 3},
    {"send them to me", PH_OFFER, 3}, {"send it my way", PH_OFFER, 3},
    {"send them my way", PH_OFFER, 3}, {"like to cook", PH_OFFER, 3},
    {"for a family who", PH_OFFER, 3}, {"pay it forward", PH_OFFER, 3},
    {"is there a young person", PH_REQUEST, 3}, {"a young person who", PH_REQUEST, 2},
    {"they no longer use", PH_NEUTRAL, 0}, {"they no longer need", PH_NEUTRAL, 0},
    {"you no longer use", PH_NEUTRAL, 0}, {"you no longer need", PH_NEUTRAL, 0},
    {"they don't use", PH_NEUTRAL, 0}, {"you don't use", PH_NEUTRAL, 0},
    {"they don't need", PH_NEUTRAL, 0}, {"you don't need", PH_NEUTRAL, 0},
    /* words that would mislead the lists above */
    {"happy to pay", PH_NEUTRAL, 0}, {"i'm happy to pay", PH_NEUTRAL, 0},
    {"happy to cover", PH_NEUTRAL, 0}, {"happy to reimburse", PH_NEUTRAL, 0},
    {"happy to chip in", PH_NEUTRAL, 0}, {"happy to contribute", PH_NEUTRAL, 0},
    {"happy to collect", PH_NEUTRAL, 0}, {"we're happy to collect", PH_NEUTRAL, 0},
    {"happy to come and collect", PH_NEUTRAL, 0}, {"happy to give it back", PH_NEUTRAL, 0},
    {"thank you for offering", PH_NEUTRAL, 0}, {"thanks for offering", PH_NEUTRAL, 0},
    {"who offered", PH_NEUTRAL, 0}, {"for offering", PH_NEUTRAL, 0},
    {"no need", PH_NEUTRAL, 0}, {"needn't", PH_NEUTRAL, 0}, {"if need be", PH_NEUTRAL, 0},
    {"feel free", PH_NEUTRAL, 0}, {"free of charge", PH_OFFER, 1}, {"gluten free", PH_NEUTRAL, 0},
    {"nut free", PH_NEUTRAL, 0}, {"dairy free", PH_NEUTRAL, 0}, {"free range", PH_NEUTRAL, 0},
    {"free prescription", PH_NEUTRAL, 0}, {"hands free", PH_NEUTRAL, 0},
    {"can't help", PH_NEUTRAL, 0}, {"cannot help", PH_NEUTRAL, 0},
    {"unable to help", PH_NEUTRAL, 0}, {"i can get a taxi", PH_NEUTRAL, 0},
    {"spare key", PH_NEUTRAL, 0}, {"spare room", PH_NEUTRAL, 0},
    {"help with the cost", PH_NEUTRAL, 0}, {"free time", PH_NEUTRAL, 0},
    {"if you need to", PH_NEUTRAL, 0}, {"if you can", PH_REQUEST, 1},
    {"happy to return", PH_NEUTRAL, 0}, {"return the favour", PH_NEUTRAL, 0},
    {"i can give you", PH_NEUTRAL, 0}, {"i can drop a key", PH_NEUTRAL, 0},
    {"i can leave", PH_NEUTRAL, 0}, {"i can pay", PH_NEUTRAL, 0},
    {"i can transfer", PH_NEUTRAL, 0}, {"i'll pay", PH_NEUTRAL, 0},
};

static const struct builtin closing_list[] = {
    {"scrap that", CL_WITHDRAWN, 1}, {"scrap what i said", CL_WITHDRAWN, 1},
    {"so no pickups from me", CL_WITHDRAWN, 1}, {"cannot do the", CL_WITHDRAWN, 1},
    {"done", CL_DONE, 1}, {"all done", CL_DONE, 1}, {"sorted", CL_DONE, 1},
    {"all sorted", CL_DONE, 1}, {"got it sorted", CL_DONE, 1}, {"received", CL_DONE, 1},
    {"filled", CL_DONE, 1}, {"found someone", CL_DONE, 1}, {"found somebody", CL_DONE, 1},
    {"have found one", CL_DONE, 1}, {"found one", CL_DONE, 1}, {"got one", CL_DONE, 1},
    {"someone is helping", CL_DONE, 1}, {"somebody is helping", CL_DONE, 1},
    {"been collected", CL_DONE, 1}, {"collected it", CL_DONE, 1}, {"resolved", CL_DONE, 1},
    {"got help", CL_DONE, 1}, {"have help", CL_DONE, 1}, {"has been helped", CL_DONE, 1},
    {"help has been found", CL_DONE, 1}, {"all fixed", CL_DONE, 1}, {"fixed now", CL_DONE, 1},
    {"been fixed", CL_DONE, 1}, {"completed", CL_DONE, 1}, {"it's covered", CL_DONE, 1},
    {"all covered", CL_DONE, 1}, {"now closed", CL_DONE, 1}, {"closed now", CL_DONE, 1},
    {"please close", CL_DONE, 1}, {"can be closed", CL_DONE, 1}, {"you can close", CL_DONE, 1},
    {"taken", CL_TAKEN, 1}, {"been taken", CL_TAKEN, 1}, {"all gone", CL_TAKEN, 1},
    {"has gone", CL_TAKEN, 1}, {"have gone", CL_TAKEN, 1}, {"now gone", CL_TAKEN, 1},
    {"gone now", CL_TAKEN, 1}, {"spoken for", CL_TAKEN, 1}, {"been claimed", CL_TAKEN, 1},
    {"been given away", CL_TAKEN, 1}, {"found a home", CL_TAKEN, 1},
    {"found a new home", CL_TAKEN, 1},
    {"cancel", CL_WITHDRAWN, 1}, {"withdrawn", CL_WITHDRAWN, 1}, {"withdraw", CL_WITHDRAWN, 1},
    {"no longer needed", CL_WITHDRAWN, 1}, {"no longer need", CL_WITHDRAWN, 1},
    {"no longer required", CL_WITHDRAWN, 1}, {"not needed", CL_WITHDRAWN, 1},
    {"don't need", CL_WITHDRAWN, 1}, {"do not need", CL_WITHDRAWN, 1},
    {"doesn't need", CL_WITHDRAWN, 1}, {"not required", CL_WITHDRAWN, 1},
    {"please ignore", CL_WITHDRAWN, 1}, {"ignore my", CL_WITHDRAWN, 1},
    {"ignore this", CL_WITHDRAWN, 1}, {"changed my mind", CL_WITHDRAWN, 1},
    {"no longer available", CL_WITHDRAWN, 1}, {"no longer offering", CL_WITHDRAWN, 1},
    {"not available any more", CL_WITHDRAWN, 1}, {"not available anymore", CL_WITHDRAWN, 1},
    {"can no longer", CL_WITHDRAWN, 1}, {"i can't do the", CL_WITHDRAWN, 1}, {"we can't do the", CL_WITHDRAWN, 1},
    {"i'm alright now", CL_WITHDRAWN, 1}, {"all good now", CL_DONE, 1},
    {"we're all good", CL_DONE, 1}, {"i don't need anyone now", CL_WITHDRAWN, 1},
    {"don't need anyone", CL_WITHDRAWN, 1}, {"can do it myself", CL_WITHDRAWN, 1},
    {"do the school run myself", CL_WITHDRAWN, 1}, {"can manage my own", CL_WITHDRAWN, 1},
    {"back on my feet", CL_WITHDRAWN, 1}, {"found a home", CL_TAKEN, 1},
    {"found homes", CL_TAKEN, 1}, {"found a new home", CL_TAKEN, 1}, {"all eaten", CL_TAKEN, 1},
    {"went to", CL_TAKEN, 1}, {"went yesterday", CL_TAKEN, 1}, {"gone to good homes", CL_TAKEN, 1},
    {"came for", CL_TAKEN, 1}, {"is having", CL_TAKEN, 1}, {"took me", CL_DONE, 1},
    {"taken bramble", CL_DONE, 1}, {"came round", CL_DONE, 1}, {"came out", CL_DONE, 1},
    {"are up", CL_DONE, 1}, {"is up", CL_DONE, 1}, {"back up", CL_DONE, 1},
    {"working again", CL_DONE, 1}, {"gave us", CL_DONE, 1}, {"dropped a", CL_DONE, 1},
    {"rang me", CL_DONE, 1}, {"visited", CL_DONE, 1}, {"did it", CL_DONE, 1},
    {"all stopped", CL_DONE, 1}, {"thank you for the lift", CL_DONE, 1},
    {"were fed", CL_DONE, 1}, {"put my bin out", CL_DONE, 1}, {"we got one", CL_DONE, 1},
    {"has got a", CL_DONE, 1}, {"collected our", CL_DONE, 1}, {"is driving", CL_WITHDRAWN, 1},
    {"will do the rest", CL_DONE, 1}, {"home again", CL_DONE, 1},
    {"not sorted", CL_STILL, 1}, {"isn't sorted", CL_STILL, 1}, {"not yet", CL_STILL, 1},
    {"still need", CL_STILL, 1}, {"still looking", CL_STILL, 1}, {"still available", CL_STILL, 1},
    {"still open", CL_STILL, 1}, {"still want", CL_STILL, 1}, {"still after", CL_STILL, 1},
    {"not done", CL_STILL, 1}, {"hasn't been", CL_STILL, 1}, {"haven't been", CL_STILL, 1},
    {"not been", CL_STILL, 1}, {"nobody has", CL_STILL, 1}, {"no one has", CL_STILL, 1},
    {"is it still", CL_STILL, 1}, {"is this still", CL_STILL, 1}, {"are you still", CL_STILL, 1},
    {"is that still", CL_STILL, 1}, {"still free", CL_STILL, 1}, {"if it's not taken", CL_STILL, 1},
    {"if not taken", CL_STILL, 1}, {"not taken", CL_STILL, 1}, {"not gone", CL_STILL, 1},
    {"has it gone", CL_STILL, 1}, {"has this gone", CL_STILL, 1}, {"been done yet", CL_STILL, 1},
    {"when it's done", CL_STILL, 1}, {"once it's done", CL_STILL, 1},
    {"when it is done", CL_STILL, 1}, {"when it's sorted", CL_STILL, 1},
    {"once it's sorted", CL_STILL, 1}, {"if it's sorted", CL_STILL, 1},
    {"e g", CL_STILL, 1}, {"for example", CL_STILL, 1}, {"such as", CL_STILL, 1},
    {"still looking for", CL_STILL, 1}, {"still need someone", CL_STILL, 1},
    {"i'll give you a ring", CL_STILL, 1},
    /* not over yet: the author will say when it is */
    {"i'll let you know", CL_STILL, 1}, {"will let you know", CL_STILL, 1},
    {"let you know how", CL_STILL, 1}, {"let you know when", CL_STILL, 1},
    {"let you know if", CL_STILL, 1}, {"keep you posted", CL_STILL, 1},
    {"get back to you", CL_STILL, 1}, {"i'll update", CL_STILL, 1},
    {"will update you", CL_STILL, 1}, {"i'll confirm", CL_STILL, 1},
    {"will confirm", CL_STILL, 1}, {"waiting to hear", CL_STILL, 1},
    /* settled without a closing word: the need went away or was met elsewhere */
    {"in the end", CL_DONE, 1}, {"we managed", CL_DONE, 1}, {"i managed", CL_DONE, 1},
    {"managed to get", CL_DONE, 1}, {"we're managing", CL_DONE, 1},
    {"managing now", CL_DONE, 1}, {"all right now", CL_WITHDRAWN, 1},
    {"alright now", CL_WITHDRAWN, 1}, {"fine now", CL_WITHDRAWN, 1},
    {"ok now", CL_WITHDRAWN, 1}, {"okay now", CL_WITHDRAWN, 1},
    {"don't worry about me", CL_WITHDRAWN, 1}, {"no need to reply", CL_DONE, 1},
    {"no longer a problem", CL_DONE, 1}, {"not a problem any more", CL_DONE, 1},
    {"taken care of", CL_DONE, 1}, {"it's been dealt with", CL_DONE, 1},
    {"can't manage", CL_STILL, 1}, {"cannot manage", CL_STILL, 1}, {"still need", CL_STILL, 1},
    {"does anyone", CL_STILL, 1}, {"could anyone", CL_STILL, 1}, {"can anyone", CL_STILL, 1},
    {"could someone", CL_STILL, 1}, {"can someone", CL_STILL, 1},
    {"if anyone wants", CL_STILL, 1}, {"if anybody wants", CL_STILL, 1},
    {"if anyone needs", CL_STILL, 1}, {"anyone else want", CL_STILL, 1},
    {"still got", CL_STILL, 1}, {"still have", CL_STILL, 1}, {"left if", CL_STILL, 1},
    {"going again", CL_DONE, 1}, {"i'm covered", CL_DONE, 1}, {"we're covered", CL_DONE, 1},
    {"we're fine now", CL_WITHDRAWN, 1},
    /* it happened: closes a post only in its own thread, by its author */
    {"came", CL_EVENT, 1}, {"arrived", CL_EVENT, 1}, {"turned up", CL_EVENT, 1},
    {"picked up", CL_EVENT, 1}, {"collected", CL_EVENT, 1}, {"delivered", CL_EVENT, 1},
    {"dropped off", CL_EVENT, 1}, {"brought", CL_EVENT, 1}, {"took", CL_EVENT, 1},
    {"gave", CL_EVENT, 1}, {"filled", CL_EVENT, 1}, {"gone", CL_EVENT, 1},
    {"went", CL_EVENT, 1}, {"left now", CL_EVENT, 1}, {"none left", CL_EVENT, 1},
    {"nothing left", CL_EVENT, 1}, {"no more left", CL_EVENT, 1}, {"managing", CL_EVENT, 1},
    {"back on", CL_EVENT, 1}, {"is going to take", CL_EVENT, 1},
    {"is going to do", CL_EVENT, 1}, {"has offered", CL_EVENT, 1},
    {"please don't worry", CL_EVENT, 1}, {"don't worry", CL_EVENT, 1},
    {"my diary is full", CL_EVENT, 1}, {"can't take on", CL_EVENT, 1},
    {"can't take any more", CL_EVENT, 1}, {"no more room", CL_EVENT, 1},
    {"fully booked", CL_EVENT, 1}, {"thank you all", CL_EVENT, 1},
    {"thanks everyone", CL_EVENT, 1}, {"thank you everyone", CL_EVENT, 1},
    {"thanks all", CL_EVENT, 1}, {"thanks for all the", CL_EVENT, 1},
    {"thank you for all the", CL_EVENT, 1}, {"for the kind offers", CL_EVENT, 1},
    {"gone off", CL_NONE, 0}, {"gone out", CL_NONE, 0}, {"gone down", CL_NONE, 0},
    {"gone up", CL_NONE, 0}, {"gone wrong", CL_NONE, 0}, {"gone missing", CL_NONE, 0},
    {"went off", CL_NONE, 0}, {"went wrong", CL_NONE, 0}, {"went out", CL_NONE, 0},
    {"came off", CL_NONE, 0}, {"came loose", CL_NONE, 0}, {"came through the", CL_NONE, 0},
    {"has gone off", CL_NONE, 0}, {"have gone off", CL_NONE, 0}, {"was taken ill", CL_NONE, 0},
    {"taken ill", CL_NONE, 0}, {"been taken into", CL_NONE, 0}, {"taken into hospital", CL_NONE, 0},
    {"got it", CL_EVENT, 1}, {"ta very much", CL_EVENT, 1}, {"cheers", CL_EVENT, 1},
    {"many thanks", CL_EVENT, 1}, {"thank you so much", CL_EVENT, 1},
    {"fitted", CL_EVENT, 1}, {"sorted the", CL_EVENT, 1}, {"is working", CL_EVENT, 1},
    /* more of how people say it is over */
    {"found new homes", CL_TAKEN, 1}, {"new homes", CL_TAKEN, 1}, {"new owner", CL_TAKEN, 1},
    {"new owners", CL_TAKEN, 1}, {"thanks anyway", CL_WITHDRAWN, 1},
    {"thank you anyway", CL_WITHDRAWN, 1}, {"panic over", CL_DONE, 1},
    {"needed anymore", CL_WITHDRAWN, 1}, {"needed any more", CL_WITHDRAWN, 1},
    {"must stop", CL_WITHDRAWN, 1}, {"have to stop", CL_WITHDRAWN, 1},
    {"stop my", CL_WITHDRAWN, 1}, {"no more", CL_WITHDRAWN, 1},
    {"until it's fixed", CL_WITHDRAWN, 1}, {"everyone who replied", CL_EVENT, 1},
    {"who replied", CL_EVENT, 1}, {"kind replies", CL_EVENT, 1}, {"the replies", CL_EVENT, 1},
    {"been seen", CL_EVENT, 1}, {"for driving", CL_EVENT, 1}, {"for taking me", CL_EVENT, 1},
    {"for taking us", CL_EVENT, 1}, {"for picking", CL_EVENT, 1},
    /* the common ways of saying a need was met, a thing has gone, or a post is off */
    {"problem solved", CL_DONE, 1}, {"solved", CL_DONE, 1}, {"all set now", CL_DONE, 1},
    {"we're all set", CL_DONE, 1}, {"i'm all set", CL_DONE, 1}, {"i'm sorted", CL_DONE, 1},
    {"we're sorted", CL_DONE, 1}, {"that's sorted", CL_DONE, 1}, {"got sorted", CL_DONE, 1},
    {"job done", CL_DONE, 1}, {"worked out", CL_DONE, 1}, {"got there in the end", CL_DONE, 1},
    {"up and running", CL_DONE, 1}, {"back to normal", CL_DONE, 1},
    {"got what i needed", CL_DONE, 1}, {"have everything i need", CL_DONE, 1},
    {"someone helped", CL_DONE, 1}, {"kindly helped", CL_DONE, 1}, {"was helped", CL_DONE, 1},
    {"have been helped", CL_DONE, 1}, {"it's fixed", CL_DONE, 1}, {"got fixed", CL_DONE, 1},
    {"was fixed", CL_DONE, 1}, {"has been done", CL_DONE, 1}, {"been sorted", CL_DONE, 1},
    {"was collected", CL_TAKEN, 1}, {"got collected", CL_TAKEN, 1},
    {"been picked up", CL_TAKEN, 1}, {"was picked up", CL_TAKEN, 1},
    {"all claimed", CL_TAKEN, 1}, {"is reserved", CL_TAKEN, 1}, {"now reserved", CL_TAKEN, 1},
    {"is having it", CL_TAKEN, 1}, {"are having them", CL_TAKEN, 1},
    {"is having them", CL_TAKEN, 1}, {"all taken", CL_TAKEN, 1}, {"found homes for", CL_TAKEN, 1},
    {"has a new home", CL_TAKEN, 1}, {"have new homes", CL_TAKEN, 1},
    {"don't need it now", CL_WITHDRAWN, 1}, {"don't need help now", CL_WITHDRAWN, 1},
    {"sorted it myself", CL_WITHDRAWN, 1}, {"managed it myself", CL_WITHDRAWN, 1},
    {"did it myself", CL_WITHDRAWN, 1}, {"i'll manage", CL_WITHDRAWN, 1},
    {"we'll manage", CL_WITHDRAWN, 1}, {"plans have changed", CL_WITHDRAWN, 1},
    {"plans changed", CL_WITHDRAWN, 1}, {"been cancelled", CL_WITHDRAWN, 1},
    {"is cancelled", CL_WITHDRAWN, 1}, {"been postponed", CL_WITHDRAWN, 1},
    {"called off", CL_WITHDRAWN, 1}, {"not happening", CL_WITHDRAWN, 1},
    {"pull out", CL_WITHDRAWN, 1}, {"pulling out", CL_WITHDRAWN, 1},
    {"have to back out", CL_WITHDRAWN, 1}, {"offer is off", CL_WITHDRAWN, 1},
    {"is off now", CL_WITHDRAWN, 1}, {"no longer going", CL_WITHDRAWN, 1},
    {"came over", CL_EVENT, 1}, {"popped round", CL_EVENT, 1}, {"popped in", CL_EVENT, 1},
    {"dropped round", CL_EVENT, 1}, {"dropped it off", CL_EVENT, 1},
    {"dropped them off", CL_EVENT, 1}, {"picked it up", CL_EVENT, 1},
    {"picked them up", CL_EVENT, 1}, {"collected them", CL_EVENT, 1}, {"has it now", CL_EVENT, 1},
    {"have it now", CL_EVENT, 1}, {"has them now", CL_EVENT, 1}, {"gave me a lift", CL_EVENT, 1},
    {"drove me", CL_EVENT, 1}, {"did my shopping", CL_EVENT, 1},
    {"did the shopping", CL_EVENT, 1}, {"brought me", CL_EVENT, 1}, {"mended", CL_EVENT, 1},
    {"repaired", CL_EVENT, 1}, {"huge thanks to", CL_EVENT, 1}, {"big thanks to", CL_EVENT, 1},
    {"so grateful to", CL_EVENT, 1}, {"thank you to", CL_EVENT, 1},
    {"for collecting", CL_EVENT, 1}, {"nobody turned up", CL_STILL, 1},
    {"no one turned up", CL_STILL, 1}, {"nobody came", CL_STILL, 1}, {"no one came", CL_STILL, 1},
    {"didn't turn up", CL_STILL, 1}, {"didn't come", CL_STILL, 1}, {"never came", CL_STILL, 1},
    {"never turned up", CL_STILL, 1}, {"change of plan", CL_WITHDRAWN, 1},
    {"can't after all", CL_WITHDRAWN, 1}, {"won't be around", CL_WITHDRAWN, 1},
    {"found cover", CL_DONE, 1}, {"take it from here", CL_DONE, 1},
    {"take her from here", CL_DONE, 1}, {"take him from here", CL_DONE, 1},
    {"everyone who offered", CL_EVENT, 1}, {"thanks to", CL_EVENT, 1},
    {"thank you both", CL_EVENT, 1}, {"went in", CL_EVENT, 1},
};

/* Spanish. Stems are the English ones (both sides agree); accents are written. */
static const struct builtin kind_es[] = {
    {"darles una mano", PH_OFFER, 3}, {"echarles una mano", PH_OFFER, 3},
    {"no me cuesta nada", PH_OFFER, 2}, {"avísenme", PH_OFFER, 2}, {"avisenme", PH_OFFER, 2},
    {"no les cobro", PH_OFFER, 3}, {"no cobro", PH_OFFER, 3}, {"cuido niños", PH_OFFER, 3},
    {"cuido ninos", PH_OFFER, 3}, {"ando buscando", PH_REQUEST, 3},
    {"necesito", PH_REQUEST, 2}, {"necesitamos", PH_REQUEST, 2}, {"me hace falta", PH_REQUEST, 2},
    {"nos hace falta", PH_REQUEST, 2}, {"alguien podría", PH_REQUEST, 3},
    {"alguien podria", PH_REQUEST, 3}, {"alguien me podría", PH_REQUEST, 3},
    {"alguien me podria", PH_REQUEST, 3}, {"alguien puede", PH_REQUEST, 2},
    {"alguien me puede", PH_REQUEST, 3}, {"podría alguien", PH_REQUEST, 3},
    {"habría alguien", PH_REQUEST, 3}, {"hay alguien que", PH_REQUEST, 2},
    {"busco a alguien", PH_REQUEST, 3}, {"busco", PH_REQUEST, 2}, {"buscamos", PH_REQUEST, 2},
    {"agradecería", PH_REQUEST, 2}, {"se agradece", PH_REQUEST, 2}, {"pido ayuda", PH_REQUEST, 3},
    {"necesito ayuda", PH_REQUEST, 3}, {"ayuda con", PH_REQUEST, 1}, {"no puedo", PH_REQUEST, 1},
    {"no tengo", PH_REQUEST, 1}, {"se me rompió", PH_REQUEST, 2}, {"se nos rompió", PH_REQUEST, 2},
    {"se rompió", PH_REQUEST, 1}, {"no sé cómo", PH_REQUEST, 1}, {"no alcanzo", PH_REQUEST, 2},
    {"algún vecino", PH_REQUEST, 2}, {"alguna vecina", PH_REQUEST, 2},
    {"me prestaría", PH_REQUEST, 3}, {"prestado", PH_REQUEST, 1}, {"prestada", PH_REQUEST, 1},
    {"alguien sabe", PH_REQUEST, 1}, {"alguien que hable", PH_REQUEST, 2},
    {"hace mucho frío", PH_REQUEST, 2}, {"no contesta", PH_REQUEST, 1},
    {"me robaron", PH_REQUEST, 1}, {"no tengo cómo", PH_REQUEST, 2},
    {"ofrezco", PH_OFFER, 3}, {"ofrecemos", PH_OFFER, 3}, {"regalo", PH_OFFER, 2},
    {"la regalo", PH_OFFER, 3}, {"lo regalo", PH_OFFER, 3}, {"se la regalo", PH_OFFER, 3},
    {"se lo regalo", PH_OFFER, 3}, {"les regalo", PH_OFFER, 3}, {"regalamos", PH_OFFER, 3},
    {"puedo", PH_OFFER, 1}, {"puedo ayudar", PH_OFFER, 3}, {"puedo cuidar", PH_OFFER, 3},
    {"puedo llevar", PH_OFFER, 3}, {"puedo cocinar", PH_OFFER, 3}, {"sí puedo", PH_OFFER, 3},
    {"con gusto", PH_OFFER, 2}, {"con mucho gusto", PH_OFFER, 3}, {"le preparo", PH_OFFER, 2},
    {"para quien lo necesite", PH_OFFER, 3}, {"para quien la necesite", PH_OFFER, 3},
    {"para quien los necesite", PH_OFFER, 3}, {"para quien las necesite", PH_OFFER, 3},
    {"para quien lo quiera", PH_OFFER, 3}, {"para quien la quiera", PH_OFFER, 3},
    {"para quien los quiera", PH_OFFER, 3}, {"para quien las quiera", PH_OFFER, 3},
    {"a quien la necesite", PH_OFFER, 3}, {"a quien lo necesite", PH_OFFER, 3},
    {"a quien venga", PH_OFFER, 3}, {"le sirve", PH_OFFER, 2}, {"les sirve", PH_OFFER, 2},
    {"si alguien necesita", PH_OFFER, 3}, {"si a alguna familia", PH_OFFER, 3},
    {"si alguien está", PH_OFFER, 2}, {"gratis", PH_OFFER, 1}, {"gratuitas", PH_OFFER, 1},
    {"gratuito", PH_OFFER, 1}, {"gratuita", PH_OFFER, 1}, {"tengo las tardes libres", PH_OFFER, 2},
    {"no puedo seguir", PH_NEUTRAL, 0}, {"no puedo ir", PH_REQUEST, 2},
    {"no puedo sacar", PH_REQUEST, 2}, {"no puedo salir", PH_REQUEST, 2},
    {"necesito a alguien", PH_REQUEST, 3}, {"necesito que alguien", PH_REQUEST, 3},
    {"necesito que me", PH_REQUEST, 3}, {"alguien que me ayude", PH_REQUEST, 3},
    {"me podrían", PH_REQUEST, 3}, {"me podrías", PH_REQUEST, 3}, {"podrían ayudarme", PH_REQUEST, 3},
    {"me ayudaría", PH_REQUEST, 3}, {"no puedo cargar", PH_REQUEST, 2},
    {"no puedo subir", PH_REQUEST, 2}, {"no puedo bajar", PH_REQUEST, 2},
    {"no tengo coche", PH_REQUEST, 2}, {"no tengo carro", PH_REQUEST, 2},
    {"estoy en cama", PH_REQUEST, 2}, {"estoy enferma", PH_REQUEST, 2},
    {"estoy enfermo", PH_REQUEST, 2}, {"no sé cómo voy a", PH_REQUEST, 2},
    {"sin ascensor", PH_REQUEST, 1}, {"vive sola", PH_REQUEST, 2}, {"vive solo", PH_REQUEST, 2},
    {"alguien necesita", PH_OFFER, 3}, {"a alguien le hace falta", PH_OFFER, 3},
    {"a alguien le sirve", PH_OFFER, 3}, {"alguien quiere", PH_OFFER, 3},
    {"si alguien quiere", PH_OFFER, 3}, {"le interesa", PH_OFFER, 2},
    {"tengo tiempo", PH_OFFER, 2}, {"regalo un", PH_OFFER, 3}, {"regalo una", PH_OFFER, 3},
    {"regalo unos", PH_OFFER, 3}, {"regalo unas", PH_OFFER, 3}, {"doy", PH_OFFER, 1},
    {"puedo hacer", PH_OFFER, 3}, {"puedo recoger", PH_OFFER, 3}, {"puedo pasear", PH_OFFER, 3},
    {"me ofrezco", PH_OFFER, 3}, {"estoy disponible", PH_OFFER, 3},
    {"me gustaría ayudar", PH_OFFER, 3}, {"quiero ayudar", PH_OFFER, 3},
    {"estoy dispuesto", PH_OFFER, 3}, {"estoy dispuesta", PH_OFFER, 3},
    {"si alguien lo necesita", PH_OFFER, 3}, {"para quien", PH_OFFER, 2},
    {"que no uso", PH_OFFER, 2}, {"que ya no uso", PH_OFFER, 3}, {"ya no usamos", PH_OFFER, 3},
    {"alguien tiene", PH_REQUEST, 3}, {"alguien que pueda", PH_REQUEST, 3},
    {"me pueden ayudar", PH_REQUEST, 3}, {"pueden ayudarme", PH_REQUEST, 3},
    {"por favor", PH_REQUEST, 1}, {"urgente", PH_REQUEST, 2}, {"ayuda por favor", PH_REQUEST, 3},
    {"necesitaría", PH_REQUEST, 2}, {"me vendría bien", PH_REQUEST, 3},
    {"hace falta", PH_REQUEST, 2}, {"me ayudas", PH_REQUEST, 3}, {"ayúdenme", PH_REQUEST, 3},
    {"quién me puede", PH_REQUEST, 3}, {"alguien me ayuda", PH_REQUEST, 3},
    {"pedir ayuda", PH_REQUEST, 3}, {"pedir un favor", PH_REQUEST, 3}, {"un favor", PH_REQUEST, 2},
    {"quisiera pedir", PH_REQUEST, 3},
    {"a alguien le vendría", PH_OFFER, 3}, {"le vendría bien", PH_OFFER, 3},
    {"hice demasiado", PH_OFFER, 2}, {"hice demasiada", PH_OFFER, 2},
    {"hice demasiados", PH_OFFER, 2}, {"hice demasiadas", PH_OFFER, 2},
    {"se regala", PH_OFFER, 3}, {"está disponible", PH_OFFER, 2},
    {"si a alguien le interesa", PH_OFFER, 3}, {"quien quiera", PH_OFFER, 3},
    {"a quien le sirva", PH_OFFER, 3}, {"para el que lo necesite", PH_OFFER, 3},
    {"en buen estado", PH_OFFER, 2}, {"casi nuevo", PH_OFFER, 2}, {"casi nueva", PH_OFFER, 2},
    {"si puedo", PH_NEUTRAL, 0}, {"quién quiere", PH_OFFER, 3}, {"quién necesita", PH_OFFER, 3},
    {"a quién le sirve", PH_OFFER, 3}, {"no podemos con", PH_OFFER, 1},
    {"no tengo luz", PH_REQUEST, 2}, {"se cayó", PH_REQUEST, 1}, {"no sale de casa", PH_REQUEST, 2},
    /* more of how neighbours ask and offer in Spanish */
    {"me echa una mano", PH_REQUEST, 3}, {"echarme una mano", PH_REQUEST, 3},
    {"me echen una mano", PH_REQUEST, 3}, {"una mano con", PH_REQUEST, 2},
    {"si alguien puede", PH_REQUEST, 2}, {"si alguien pudiera", PH_REQUEST, 3},
    {"prestarme", PH_REQUEST, 3}, {"me presta", PH_REQUEST, 3}, {"me prestan", PH_REQUEST, 3},
    {"me urge", PH_REQUEST, 3}, {"me es imposible", PH_REQUEST, 2},
    {"no me da tiempo", PH_REQUEST, 2}, {"estoy sin", PH_REQUEST, 2},
    {"nos quedamos sin", PH_REQUEST, 2}, {"se nos acabó", PH_REQUEST, 2},
    {"se me acabó", PH_REQUEST, 2}, {"no me alcanza", PH_REQUEST, 2},
    {"no nos alcanza", PH_REQUEST, 2}, {"busco quien", PH_REQUEST, 3},
    {"quién podría", PH_REQUEST, 3}, {"alguien tendría", PH_REQUEST, 3},
    {"tendrá alguien", PH_REQUEST, 3},
    {"lo doy", PH_OFFER, 3}, {"la doy", PH_OFFER, 3}, {"los doy", PH_OFFER, 3},
    {"las doy", PH_OFFER, 3}, {"doy gratis", PH_OFFER, 3}, {"se regalan", PH_OFFER, 3},
    {"a quien le haga falta", PH_OFFER, 3}, {"a quien le pueda servir", PH_OFFER, 3},
    {"le puede servir", PH_OFFER, 2}, {"si le sirve a alguien", PH_OFFER, 3},
    {"si a alguien le sirve", PH_OFFER, 3}, {"pueden contar conmigo", PH_OFFER, 3},
    {"cuenten conmigo", PH_OFFER, 3}, {"cuenta conmigo", PH_OFFER, 3},
    {"estoy libre", PH_OFFER, 2}, {"tengo libre", PH_OFFER, 2}, {"puedo acercar", PH_OFFER, 3},
    {"me sobra", PH_OFFER, 2}, {"me sobran", PH_OFFER, 2}, {"nos sobra", PH_OFFER, 2},
    {"nos sobran", PH_OFFER, 2}, {"ya no me sirve", PH_OFFER, 3},
    {"que ya no le queda", PH_OFFER, 3}, {"ya no le queda", PH_OFFER, 2},
    {"que me llame", PH_OFFER, 2}, {"que venga", PH_OFFER, 2}, {"si hay alguna persona", PH_OFFER, 3},
    {"si hay alguien", PH_OFFER, 3}, {"me encanta conversar", PH_OFFER, 2},
    {"estoy en casa", PH_OFFER, 1}, {"conmigo", PH_OFFER, 1},
    {"si alguien la quiere", PH_OFFER, 3}, {"si alguien lo quiere", PH_OFFER, 3},
    {"si alguien los quiere", PH_OFFER, 3}, {"si alguien las quiere", PH_OFFER, 3},
    {"es suya", PH_OFFER, 3}, {"es suyo", PH_OFFER, 3}, {"son suyos", PH_OFFER, 3},
    {"sin estrenar", PH_OFFER, 2}, {"casi sin uso", PH_OFFER, 2}, {"sobran", PH_OFFER, 2},
    {"el que quiera", PH_OFFER, 3}, {"la que quiera", PH_OFFER, 3}, {"que se pase", PH_OFFER, 2},
    {"lo aprovechara alguien", PH_OFFER, 3}, {"lo aproveche alguien", PH_OFFER, 3},
    {"que alguien lo aproveche", PH_OFFER, 3}, {"que alguien la aproveche", PH_OFFER, 3},
};

static const struct builtin closing_es[] = {
    {"se la ha llevado", CL_TAKEN, 1}, {"se lo ha llevado", CL_TAKEN, 1},
    {"se los han llevado", CL_TAKEN, 1}, {"se las han llevado", CL_TAKEN, 1},
    {"tiene nuevo dueño", CL_TAKEN, 1}, {"tiene nueva dueña", CL_TAKEN, 1},
    {"tiene nuevo dueno", CL_TAKEN, 1}, {"ya tiene dueño", CL_TAKEN, 1},
    {"resuelto", CL_DONE, 1}, {"ya está resuelto", CL_DONE, 1}, {"solucionado", CL_DONE, 1},
    {"ya pasea", CL_DONE, 1}, {"me hizo la compra", CL_DONE, 1}, {"ya no queda", CL_TAKEN, 1},
    {"no queda nada", CL_TAKEN, 1}, {"se lo llevaron", CL_TAKEN, 1},
    {"se la llevaron", CL_TAKEN, 1}, {"se los llevaron", CL_TAKEN, 1},
    {"se las llevaron", CL_TAKEN, 1}, {"ya tiene dueño", CL_TAKEN, 1},
    {"ya tiene dueña", CL_TAKEN, 1}, {"entregado", CL_TAKEN, 1}, {"entregada", CL_TAKEN, 1},
    {"regalado", CL_TAKEN, 1}, {"ya no hace falta", CL_WITHDRAWN, 1},
    {"ya no necesito", CL_WITHDRAWN, 1}, {"ya no lo necesito", CL_WITHDRAWN, 1},
    {"ya no la necesito", CL_WITHDRAWN, 1}, {"cancelado", CL_WITHDRAWN, 1},
    {"no puedo seguir", CL_WITHDRAWN, 1},
    {"todavía necesito", CL_STILL, 1}, {"aún necesito", CL_STILL, 1},
    {"te aviso", CL_STILL, 1}, {"les aviso", CL_STILL, 1}, {"os aviso", CL_STILL, 1},
    {"ya te cuento", CL_STILL, 1}, {"ya les cuento", CL_STILL, 1},
    {"sigo buscando", CL_STILL, 1}, {"todavía busco", CL_STILL, 1},
    {"al final", CL_DONE, 1}, {"ya me ayudó", CL_DONE, 1}, {"ya me ayudaron", CL_DONE, 1},
    {"ya lo tengo", CL_DONE, 1}, {"ya la tengo", CL_DONE, 1}, {"ya tengo", CL_DONE, 1},
    {"ya lo conseguí", CL_DONE, 1}, {"ya está", CL_DONE, 1},
    {"me ayudó", CL_EVENT, 1}, {"me ayudaron", CL_EVENT, 1}, {"me subió", CL_EVENT, 1},
    {"me trajo", CL_EVENT, 1}, {"me trajeron", CL_EVENT, 1}, {"me llevó", CL_EVENT, 1},
    {"ya estamos bien", CL_DONE, 1}, {"ya estoy bien", CL_DONE, 1}, {"ya tenemos", CL_DONE, 1},
    {"por fin", CL_EVENT, 1}, {"conseguimos", CL_EVENT, 1}, {"ya conseguimos", CL_DONE, 1},
    {"ya conseguí", CL_DONE, 1},
    {"ya la", CL_EVENT, 1}, {"ya lo", CL_EVENT, 1}, {"ya se", CL_EVENT, 1},
    {"muchas gracias", CL_EVENT, 1}, {"recogió", CL_EVENT, 1}, {"funciona", CL_EVENT, 1},
    {"me hizo", CL_EVENT, 1}, {"conseguí", CL_EVENT, 1}, {"gracias a todos", CL_EVENT, 1},
    {"mil gracias", CL_EVENT, 1}, {"vino", CL_EVENT, 1}, {"llegó", CL_EVENT, 1},
    {"ya se fue", CL_TAKEN, 1}, {"ya se lo llevaron", CL_TAKEN, 1},
    {"ya se la llevaron", CL_TAKEN, 1}, {"ya se los llevaron", CL_TAKEN, 1},
    {"ya se las llevaron", CL_TAKEN, 1}, {"ya se lo llevó", CL_TAKEN, 1},
    {"ya se la llevó", CL_TAKEN, 1},
    {"se lo llevó", CL_TAKEN, 1}, {"se la llevó", CL_TAKEN, 1}, {"se los llevó", CL_TAKEN, 1},
    {"se las llevó", CL_TAKEN, 1}, {"ya lo recogieron", CL_TAKEN, 1}, {"recogido", CL_TAKEN, 1},
    {"ya encontré", CL_DONE, 1}, {"encontré a alguien", CL_DONE, 1},
    {"ya encontramos", CL_DONE, 1}, {"ya tengo quien", CL_DONE, 1}, {"ya quedó", CL_DONE, 1},
    {"quedó arreglado", CL_DONE, 1}, {"arreglado", CL_DONE, 1}, {"ya lo arregló", CL_DONE, 1},
    {"gracias igual", CL_WITHDRAWN, 1}, {"gracias de todos modos", CL_WITHDRAWN, 1},
    {"gracias de todas formas", CL_WITHDRAWN, 1}, {"ya no es necesario", CL_WITHDRAWN, 1},
    {"no hace falta ya", CL_WITHDRAWN, 1}, {"ya no lo ofrezco", CL_WITHDRAWN, 1},
};

/* Polish: the common forms of each word are listed, its endings being its grammar. */
static const struct builtin kind_pl[] = {
    {"potrzebuję", PH_REQUEST, 3}, {"potrzebujemy", PH_REQUEST, 3},
    {"potrzebna pomoc", PH_REQUEST, 3}, {"potrzebny", PH_REQUEST, 1}, {"potrzebna", PH_REQUEST, 1},
    {"czy ktoś mógłby", PH_REQUEST, 3}, {"czy ktoś mogłaby", PH_REQUEST, 3},
    {"czy ktoś może", PH_REQUEST, 3}, {"czy ktoś zna", PH_REQUEST, 2},
    {"ktoś mógłby", PH_REQUEST, 2}, {"szukam kogoś", PH_REQUEST, 3}, {"szukam", PH_REQUEST, 2},
    {"szukamy", PH_REQUEST, 2}, {"prośba", PH_REQUEST, 2}, {"proszę o pomoc", PH_REQUEST, 3},
    {"pomóc mi", PH_REQUEST, 2}, {"pomoże mi", PH_REQUEST, 2}, {"nie mogę", PH_REQUEST, 1},
    {"nie dam rady", PH_REQUEST, 2}, {"nie jestem w stanie", PH_REQUEST, 2},
    {"nie mam za co", PH_REQUEST, 3}, {"będę wdzięczna", PH_REQUEST, 2},
    {"będę wdzięczny", PH_REQUEST, 2}, {"byłabym wdzięczna", PH_REQUEST, 2},
    {"byłbym wdzięczny", PH_REQUEST, 2}, {"zepsuty", PH_REQUEST, 1}, {"zepsuła", PH_REQUEST, 1},
    {"nie grzeje", PH_REQUEST, 2}, {"przecieka", PH_REQUEST, 1}, {"jest pusta", PH_REQUEST, 1},
    {"nie odbiera", PH_REQUEST, 1}, {"zerknąć", PH_REQUEST, 1},
    {"oddam", PH_OFFER, 3}, {"oferuję", PH_OFFER, 3}, {"mogę", PH_OFFER, 1},
    {"mogę pomóc", PH_OFFER, 3}, {"mogę zawieźć", PH_OFFER, 3}, {"mogę podwieźć", PH_OFFER, 3},
    {"mogę podwozić", PH_OFFER, 3}, {"chętnie pomogę", PH_OFFER, 3}, {"chętnie", PH_OFFER, 2},
    {"pomogę", PH_OFFER, 2}, {"za darmo", PH_OFFER, 1}, {"czy komuś przyda", PH_OFFER, 3},
    {"komuś przyda się", PH_OFFER, 3}, {"przyda się", PH_OFFER, 1}, {"dla chętnych", PH_OFFER, 3},
    {"proszę pisać", PH_OFFER, 2}, {"chętnie zawiozę", PH_OFFER, 3}, {"podwiozę", PH_OFFER, 3},
    {"nie mogę nikogo", PH_NEUTRAL, 0}, {"oddam pieniądze", PH_NEUTRAL, 0},
    {"oddam kasę", PH_NEUTRAL, 0},
    {"szukam osoby", PH_REQUEST, 3}, {"kto mógłby", PH_REQUEST, 2}, {"kto by mógł", PH_REQUEST, 2},
    {"czy mógłby ktoś", PH_REQUEST, 3}, {"czy ktoś by", PH_REQUEST, 3},
    {"potrzebuję pomocy", PH_REQUEST, 3}, {"pomoże", PH_REQUEST, 1},
    {"lodówka jest pusta", PH_REQUEST, 3}, {"nie wychodzę z domu", PH_REQUEST, 2},
    {"złamałam", PH_REQUEST, 1}, {"złamałem", PH_REQUEST, 1}, {"jestem w szpitalu", PH_REQUEST, 2},
    {"jestem chora", PH_REQUEST, 2}, {"jestem chory", PH_REQUEST, 2},
    {"nie mam samochodu", PH_REQUEST, 2}, {"mieszka sama", PH_REQUEST, 2},
    {"mieszka sam", PH_REQUEST, 2},
    /* more of how neighbours ask in Polish */
    {"czy znajdzie się ktoś", PH_REQUEST, 3}, {"znajdzie się ktoś", PH_REQUEST, 3},
    {"czy ktoś pożyczy", PH_REQUEST, 3}, {"pożyczy mi", PH_REQUEST, 3},
    {"potrzebowałabym", PH_REQUEST, 3}, {"potrzebowałbym", PH_REQUEST, 3},
    {"przydałaby się", PH_REQUEST, 2}, {"przydałby się", PH_REQUEST, 2},
    {"przydałaby mi się", PH_REQUEST, 3}, {"nie mam jak", PH_REQUEST, 2},
    {"nie mam czym", PH_REQUEST, 2}, {"nie ma kto", PH_REQUEST, 2},
    {"nie mam nikogo", PH_REQUEST, 2}, {"zepsuł się", PH_REQUEST, 2},
    {"zepsuła się", PH_REQUEST, 2}, {"zepsuło się", PH_REQUEST, 2},
    {"nie mam ogrzewania", PH_REQUEST, 2}, {"skończyło mi się", PH_REQUEST, 2},
    {"skończyły mi się", PH_REQUEST, 2}, {"brakuje mi", PH_REQUEST, 2},
    {"brakuje nam", PH_REQUEST, 2}, {"ktoś wyprowadzi", PH_REQUEST, 3},
    {"ktoś odbierze", PH_REQUEST, 3}, {"ktoś podwiezie", PH_REQUEST, 3},
    {"podwiezie mnie", PH_REQUEST, 3}, {"zawiezie mnie", PH_REQUEST, 3},
    {"bardzo proszę", PH_REQUEST, 2},
    /* ...and offer */
    {"oddamy", PH_OFFER, 3}, {"w dobre ręce", PH_OFFER, 3}, {"mogę pożyczyć", PH_OFFER, 3},
    {"pożyczę", PH_OFFER, 3}, {"zrobię zakupy", PH_OFFER, 3}, {"ugotuję", PH_OFFER, 3},
    {"upiekę", PH_OFFER, 2}, {"mam wolne", PH_OFFER, 2}, {"mam wolny", PH_OFFER, 2},
    {"mam samochód", PH_OFFER, 2}, {"jeżeli ktoś potrzebuje", PH_OFFER, 3},
    {"gdyby ktoś potrzebował", PH_OFFER, 3}, {"gdyby ktoś chciał", PH_OFFER, 3},
    {"jeśli komuś", PH_OFFER, 3}, {"jeżeli komuś", PH_OFFER, 3}, {"gdyby komuś", PH_OFFER, 3},
    {"zostało mi", PH_OFFER, 2}, {"zostało nam", PH_OFFER, 2}, {"mamy nadmiar", PH_OFFER, 3},
    {"nie używam", PH_OFFER, 2}, {"nie używamy", PH_OFFER, 2}, {"już nie używam", PH_OFFER, 3},
    {"do oddania", PH_OFFER, 3}, {"do wzięcia", PH_OFFER, 3}, {"do odbioru", PH_OFFER, 2},
    {"nowego domu", PH_OFFER, 3}, {"nowy dom", PH_OFFER, 2}, {"szukam domu", PH_OFFER, 3},
    {"zostały mi", PH_OFFER, 2}, {"zostały nam", PH_OFFER, 2}, {"żeby się zmarnowało", PH_OFFER, 3},
    {"szkoda żeby", PH_OFFER, 2}, {"szkoda, żeby", PH_OFFER, 2}, {"jak ktoś ma ochotę", PH_OFFER, 3},
    {"kto ma ochotę", PH_OFFER, 3}, {"zapraszam", PH_OFFER, 2},
    {"czy ktoś potrzebuje", PH_OFFER, 3}, {"ktoś potrzebuje", PH_OFFER, 2},
    {"jeśli ktoś potrzebuje", PH_OFFER, 3}, {"czy ktoś chce", PH_OFFER, 3},
    {"jeśli ktoś chce", PH_OFFER, 3}, {"komuś potrzebna", PH_OFFER, 3},
    {"komuś potrzebny", PH_OFFER, 3}, {"mogę popilnować", PH_OFFER, 3},
    {"mogę przywieźć", PH_OFFER, 3}, {"chętnie przywiozę", PH_OFFER, 3},
    {"przywiozę", PH_OFFER, 2}, {"mogę zrobić", PH_OFFER, 3}, {"mogę odebrać", PH_OFFER, 3},
    {"mogę wyprowadzać", PH_OFFER, 3}, {"mam czas", PH_OFFER, 2},
    {"mam do oddania", PH_OFFER, 3}, {"oddam za darmo", PH_OFFER, 3},
    {"chętnie oddam", PH_OFFER, 3}, {"jeśli ktoś chciałby", PH_OFFER, 3},
    {"może się komuś przydać", PH_OFFER, 3}, {"służę pomocą", PH_OFFER, 3},
    {"mogę zaoferować", PH_OFFER, 3}, {"czy ktoś ma", PH_REQUEST, 3}, {"ktoś ma", PH_REQUEST, 2},
    {"prosiłabym", PH_REQUEST, 3}, {"prosiłbym", PH_REQUEST, 3}, {"proszę o", PH_REQUEST, 2},
    {"pilnie", PH_REQUEST, 2}, {"czy mogłaby", PH_REQUEST, 3}, {"czy ktoś pomoże", PH_REQUEST, 3},
    {"kto pomoże", PH_REQUEST, 3}, {"poproszę", PH_REQUEST, 2}, {"ktoś może", PH_REQUEST, 2},
    {"przysługa", PH_REQUEST, 2}, {"mam prośbę", PH_REQUEST, 3}, {"prośbę", PH_REQUEST, 2},
    {"w dobrym stanie", PH_OFFER, 2}, {"jak nowy", PH_OFFER, 2}, {"jak nowa", PH_OFFER, 2},
    {"kto potrzebuje", PH_OFFER, 3}, {"komu się przyda", PH_OFFER, 3},
    {"czy komuś", PH_OFFER, 3}, {"komuś", PH_OFFER, 1}, {"mam ich za dużo", PH_OFFER, 3},
    {"za dużo", PH_OFFER, 1}, {"przydadzą się", PH_OFFER, 2},
    {"kto chce", PH_OFFER, 3}, {"czy ktoś szuka", PH_OFFER, 3}, {"nie mam prądu", PH_REQUEST, 2},
    {"nie wiem, co", PH_REQUEST, 1}, {"nie działa", PH_REQUEST, 2},
};

static const struct builtin closing_pl[] = {
    {"dam znać", CL_STILL, 1}, {"dam wam znać", CL_STILL, 1}, {"dam ci znać", CL_STILL, 1},
    {"nieaktualne", CL_DONE, 1}, {"już nieaktualne", CL_DONE, 1}, {"załatwione", CL_DONE, 1},
    {"wyprowadza już", CL_DONE, 1}, {"zrobiła mi zakupy", CL_DONE, 1},
    {"zrobił mi zakupy", CL_DONE, 1}, {"rozdane", CL_TAKEN, 1}, {"już rozdane", CL_TAKEN, 1},
    {"oddane", CL_TAKEN, 1}, {"oddany", CL_TAKEN, 1}, {"oddana", CL_TAKEN, 1},
    {"ma nowy dom", CL_TAKEN, 1}, {"nie potrzebuję już", CL_WITHDRAWN, 1},
    {"już nie potrzebuję", CL_WITHDRAWN, 1}, {"już nie potrzebujemy", CL_WITHDRAWN, 1},
    {"nie mam już czasu", CL_WITHDRAWN, 1}, {"odwołane", CL_WITHDRAWN, 1},
    {"niestety nie mogę", CL_WITHDRAWN, 1},
    {"nadal szukam", CL_STILL, 1}, {"wciąż szukam", CL_STILL, 1},
    {"nadal potrzebuję", CL_STILL, 1}, {"nadal aktualne", CL_STILL, 1},
    {"udało się", CL_DONE, 1}, {"już mam", CL_DONE, 1}, {"już nie trzeba", CL_WITHDRAWN, 1},
    {"nie trzeba już", CL_WITHDRAWN, 1}, {"już niepotrzebne", CL_WITHDRAWN, 1},
    {"zrobiła", CL_EVENT, 1}, {"zrobił", CL_EVENT, 1}, {"pomogła", CL_EVENT, 1},
    {"pomógł", CL_EVENT, 1}, {"pomogli", CL_EVENT, 1}, {"przyniosła", CL_EVENT, 1},
    {"przyniósł", CL_EVENT, 1}, {"przywiozła", CL_EVENT, 1}, {"przywiózł", CL_EVENT, 1},
    {"odebrała", CL_EVENT, 1}, {"odebrał", CL_EVENT, 1}, {"dziękuję wszystkim", CL_EVENT, 1},
    {"dziękuję bardzo", CL_EVENT, 1}, {"bardzo dziękuję", CL_EVENT, 1},
    {"wszystko działa", CL_DONE, 1}, {"rozeszły się", CL_TAKEN, 1}, {"rozeszły", CL_TAKEN, 1},
    {"rozdałam", CL_TAKEN, 1}, {"rozdałem", CL_TAKEN, 1}, {"już nie ma", CL_TAKEN, 1}, {"był", CL_EVENT, 1}, {"była", CL_EVENT, 1},
    {"dziękuję za", CL_EVENT, 1},
    {"już po sprawie", CL_DONE, 1}, {"sprawa załatwiona", CL_DONE, 1},
    {"problem rozwiązany", CL_DONE, 1}, {"nieaktualny", CL_DONE, 1},
    {"nieaktualna", CL_DONE, 1}, {"już znalazłam", CL_DONE, 1}, {"już znalazłem", CL_DONE, 1},
    {"znalazła się osoba", CL_DONE, 1}, {"ktoś się zgłosił", CL_DONE, 1},
    {"poradziłam sobie", CL_DONE, 1}, {"poradziłem sobie", CL_DONE, 1},
    {"poradziliśmy sobie", CL_DONE, 1}, {"naprawione", CL_DONE, 1}, {"już działa", CL_DONE, 1},
    {"poszło", CL_TAKEN, 1}, {"poszły", CL_TAKEN, 1}, {"zabrane", CL_TAKEN, 1},
    {"odebrane", CL_TAKEN, 1}, {"zarezerwowane", CL_TAKEN, 1},
    {"dziękuję mimo wszystko", CL_WITHDRAWN, 1}, {"jednak nie potrzebuję", CL_WITHDRAWN, 1},
    {"rezygnuję", CL_WITHDRAWN, 1}, {"odwołuję", CL_WITHDRAWN, 1},
    {"już niepotrzebna", CL_WITHDRAWN, 1}, {"niepotrzebne", CL_WITHDRAWN, 1},
    {"ogarnięte", CL_DONE, 1}, {"ogarnięty", CL_DONE, 1}, {"dzięki wszystkim", CL_EVENT, 1},
    {"za odzew", CL_EVENT, 1},
};

/* Category keywords, for the built-in categories' names (and a group's of the same
 * name). */
struct catwords {
    const char *category, *words;
};

/* English, beyond the keywords of the built-in [categories]: read always, for the
 * built-in categories' names (and a group's of the same name). */
static const struct catwords cats_en[] = {
    {"food", "satsumas, fruit, nothing in the fridge, groceries, a few groceries, food shop, the shops, corner shop, carrots, onions, bananas, oranges, yoghurt, sugar, tea bags, baked beans, beans, chicken, ham, porridge, oats, spaghetti, iceland, waitrose, gravy, stuffing, tinned food, packed lunch, dinners, flapjacks, lasagne, apples, potatoes, leeks, christmas dinner, roast, pie, pies, "
             "crumble, lidl, aldi, asda, sainsburys, co-op, morrisons, food parcel, food "
             "parcels, hungry, flour, butter, cheese, sausages, baby milk, formula, a few bits, "
             "shop run, tesco run, freezer is empty, fridge is empty, freezer is nearly empty, "
             "filled the freezer"},
    {"medicine", "blood test, heart op, pharmacist, plasters, bandages, district nurse, nurse, cough medicine, blood pressure, ointment, vitamins, calpol, ibuprofen, antihistamines, nebuliser, dosette box, blister pack, physio, hearing aid batteries, crutches, tablets, the chemist, boots, "
                 "repeat prescription, medicines, medication, eye drops, dressings"},
    {"transport", "lift to, a ride, minicab, cab, ferry me, coach, tram, hospital appointment, drive her, drive him, take her to, take him to, run her, run him, drop off, the general, lift back, lifts to, drive me, take me, run me, give me a "
                  "lift, car to, no car, can't drive, cannot drive, driving to"},
    {"childcare", "school uniform, uniform, pe bag, toddler, toys, train set, play kitchen, baby clothes, kids clothes, children's clothes, kids' clothes, school shoes, playdate, half term, holiday club, my little one, little ones, mind the kids, watch the kids, look after the kids, creche, nappy, baby wipes, pick up the kids, collect the kids, childminding, revision, gcse, maths, tutoring, school pick up, nursery pick up, kids, "
                  "the children, teach children"},
    {"pets", "feed my fish, fish food, cat feeding, dog walks, cat litter, kitty litter, bird seed, feed my cat, feed the cat, feed the cats, feed my cats, vets, kennels, cattery, grooming, flea treatment, dog bed, cat carrier, pet carrier, poo bags, dog sitting, cat sitting, gerbil, parrot, goldfish, hutch, rabbits, walk my dog, walk the dog, dog walking, guinea pig, fish tank, "
             "bird, tortoise, cat flap"},
    {"befriending", "cuppa, company for, walking buddy, walk with me, natter on the phone, sits by the window, a natter, visit her, visit him, checking in, phone her, phone him, ring her, ring him, companionship, pen pal, card games, board games, scrabble, read to, sit and chat, a chat, a visitor, friendly voice, a soul, "
                    "phone for a chat, ring for a chat, keep her company, keep him company, "
                    "lives alone, on his own, on her own"},
    {"household", "leaf blower, leaves cleared, plants, water the plants, christmas tree, heater, oil heater, bedding, sheets, towels, pillows, crockery, plates, mugs, pans, saucepans, cutlery, toaster, slow cooker, armchair, cupboard, bookshelf, bin, recycling, clear out, gutter, drain, blocked, mould, damp, lightbulb, stepladder, step ladder, curtains, door, lock, back door, window, windows, "
                  "rain cover, decorations, christmas decorations, bread maker, dehumidifier, "
                  "printer, hedge trimmer, track pump, pump, boxes, move a sofa, moving, "
                  "alterations, hems, zips, sewing, mending, kitchen table, hoover, iron, "
                  "ironing board, lawnmower, mower, shed, sink, toilet, washing, dryer, "
                  "tumble dryer, dishwasher, oven, cooker, wardrobe, chest of drawers, lamp, "
                  "rug, mirror, shelving, van, logs, firewood, wood burner, bouncer, "
                  "steriliser, fuse, fuse box, fuses, power cut, no power, electrics, "
                  "electrician, lights, light, socket, plug, laptop, computer, printer ink, "
                  "wifi, router, broadband, smoke alarm battery"},
    {"money", "electric key, prepayment, gas card, tenner, fiver, short this month, hardship, bus fare, warm home discount, discount, payment plan, energy bill, gas bill, overdraft, "
              "food vouchers, arrears, wages, paid, skint, afford, can't afford, grant, grants, "
              "schemes, scheme, pension forms, benefit, tax credits, hardship fund"},
};

static const struct catwords cats_es[] = {
    {"food", "comida, compra, compras, supermercado, arroz, raciones, cocinar, cocino, "
             "pan, leche, comida casera, fruta, mandarinas, naranjas, lentejas, sopa, olla, "
             "comida para"},
    {"medicine", "farmacia, medicamentos, receta, medicinas, pastillas"},
    {"transport", "llevar, llevarme, lleven, llevando, coche, cita, llegar al trabajo"},
    {"childcare", "niños, niñas, colegio, deberes, tareas, bebé, nietos, cuidar niños, "
                  "ropa de bebé, clases"},
    {"pets", "perro, perrita, perra, gato, pasear, pasearla, pasearlo"},
    {"befriending", "compañía, charlar, sola, solo, visitarla, visitarlo, visitar"},
    {"household", "lavadora, enchufe, calefacción, bombilla, silla de ruedas, cuna, sofá, "
                  "arreglar, casero, mesa, sillas, cajas, mudanza, planchar, plancha, muebles, "
                  "armario, nevera, luz, enchufe, ordenador, ropa de invierno"},
    {"money", "factura, dinero, pagar, fondo, alquiler, banco, pensión, ayuda del gobierno"},
};

static const struct catwords cats_pl[] = {
    {"food", "jedzenie, jedzenia, zakupy, zakupów, zakupami, obiad, bigosu, bigos, pierogi, "
             "pierogów, porcji, porcje, chleb, mleko, lodówka, słoiki, przetwory, przetworami, "
             "obiady, zupa"},
    {"medicine", "apteka, apteki, aptece, leki, leków, lekarstwa, recepta, recepty"},
    {"transport", "samochód, samochodem, samochodu, podwieźć, podwozić, podwózki, podwiozę, "
                  "zawieźć, zawiozę, szpital, szpitala, lekarza"},
    {"childcare", "dzieci, dziećmi, dziecka, dzieciom, dziecięce, ubranka, korepetycje, "
                  "nauce, przedszkole, szkoła, opieki nad dziećmi"},
    {"pets", "psa, pies, psem, kot, kota, wyprowadzać, wyprowadzania, wyprowadza"},
    {"befriending", "samotna, samotny, odwiedzić, zadzwonić, rozmowy, porozmawiać"},
    {"household", "pralka, pralką, pralki, kran, kranach, grzejnik, grzejnikach, grzejnika, "
                  "naprawy, naprawach, łóżeczko, wózek, fotelik, fotelika, sprzątać, "
                  "posprzątać, mieszkanie, szafa, szafę, szafy, narzędzia, narzędzi, pralkę, "
                  "przeprowadzka, przeprowadzką, kanapa, kanapę, prąd, prądu, komputer, "
                  "komputerem, laptop, rowerek"},
    {"money", "zasiłek, zasiłku, pieniądze, pieniędzy, wniosku, wniosek, rachunek, czynsz, "
              "pensji"},
};

static const struct language {
    const char *code;
    const struct builtin *kind, *closing;
    size_t nkind, nclosing;
    const struct catwords *cats;
    size_t ncats;
} languages[] = {
    {"es", kind_es, closing_es, sizeof kind_es / sizeof kind_es[0],
     sizeof closing_es / sizeof closing_es[0], cats_es, sizeof cats_es / sizeof cats_es[0]},
    {"pl", kind_pl, closing_pl, sizeof kind_pl / sizeof kind_pl[0],
     sizeof closing_pl / sizeof closing_pl[0], cats_pl, sizeof cats_pl / sizeof cats_pl[0]},
};

static int
add_all(struct phrases *ps, const struct builtin *list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (phrases_add(ps, list[i].text, list[i].tag, list[i].weight) < 0)
            return -1;
    return 0;
}

int
phrases_builtin_kind(struct phrases *ps)
{
    return add_all(ps, kind_list, sizeof kind_list / sizeof kind_list[0]);
}

int
phrases_builtin_closing(struct phrases *ps)
{
    return add_all(ps, closing_list, sizeof closing_list / sizeof closing_list[0]);
}

static const struct language *
language(const char *code)
{
    for (size_t i = 0; i < sizeof languages / sizeof languages[0]; i++)
        if (strcmp(languages[i].code, code) == 0)
            return &languages[i];
    return NULL;
}

int
phrases_builtin_lang(const char *code, struct phrases *kind, struct phrases *closing)
{
    const struct language *l;

    if (strcmp(code, "en") == 0)
        return 0; /* (always read) */
    if (!(l = language(code)))
        return 1;
    return add_all(kind, l->kind, l->nkind) < 0 || add_all(closing, l->closing, l->nclosing) < 0
               ? -1
               : 0;
}

const char *
phrases_builtin_category(const char *code, const char *category)
{
    const struct language *l = language(code);

    if (strcmp(code, "en") == 0)
        for (size_t i = 0; i < sizeof cats_en / sizeof cats_en[0]; i++)
            if (strcmp(cats_en[i].category, category) == 0)
                return cats_en[i].words;

    for (size_t i = 0; l && i < l->ncats; i++)
        if (strcmp(l->cats[i].category, category) == 0)
            return l->cats[i].words;
    return NULL;
}

int
phrases_first_word(const char *raw, int *weight)
{
    static const struct builtin first[] = {
        {"offer", PH_OFFER, 3},      {"offering", PH_OFFER, 3}, {"offered", PH_OFFER, 3},
        {"free", PH_OFFER, 3},       {"available", PH_OFFER, 2}, {"spare", PH_OFFER, 2},
        {"giving", PH_OFFER, 2},     {"request", PH_REQUEST, 3}, {"requesting", PH_REQUEST, 3},
        {"wanted", PH_REQUEST, 3},   {"needed", PH_REQUEST, 3}, {"need", PH_REQUEST, 3},
        {"needing", PH_REQUEST, 3},  {"seeking", PH_REQUEST, 3}, {"looking", PH_REQUEST, 2},
        {"help", PH_REQUEST, 1},     {"urgent", PH_REQUEST, 2}, {"sos", PH_REQUEST, 2},
        {"borrow", PH_REQUEST, 2},
        /* Spanish and Polish subjects' first words, read whatever the languages */
        {"necesito", PH_REQUEST, 3}, {"busco", PH_REQUEST, 3}, {"pedido", PH_REQUEST, 3},
        {"ofrezco", PH_OFFER, 3}, {"regalo", PH_OFFER, 3}, {"oferta", PH_OFFER, 3},
        {"potrzebuję", PH_REQUEST, 3}, {"szukam", PH_REQUEST, 3}, {"prośba", PH_REQUEST, 3},
        {"oddam", PH_OFFER, 3}, {"oferuję", PH_OFFER, 3}, {"pomogę", PH_OFFER, 3},
    };
    for (size_t i = 0; i < sizeof first / sizeof first[0]; i++)
        if (strcmp(raw, first[i].text) == 0) {
            *weight = first[i].weight;
            return first[i].tag;
        }
    *weight = 0;
    return 0;
}

/* The phrase lists: adding, sorting and finding phrases in words. */

int
phrases_add(struct phrases *ps, const char *text, int tag, int weight)
{
    struct words w = {0};
    struct phrase *p;

    if (words_split(text, &w) < 0)
        return -1;
    if (w.n == 0) {
        words_free(&w);
        return 0;
    }
    if (ps->n == ps->cap) {
        size_t cap = ps->cap ? ps->cap * 2 : 32;
        struct phrase *np = realloc(ps->p, cap * sizeof *np);
        if (!np)
            goto oom;
        ps->p = np;
        ps->cap = cap;
    }
    p = &ps->p[ps->n];
    p->keys = malloc(w.n * sizeof *p->keys);
    p->text = strdup(text);
    if (!p->keys || !p->text) {
        free(p->keys);
        free(p->text);
        goto oom;
    }
    for (size_t i = 0; i < w.n; i++)
        memcpy(p->keys[i], w.w[i].key, WORD_KEY);
    p->n = w.n;
    p->tag = tag;
    p->weight = weight;
    p->order = ps->added++;
    p->hash[0] = (unsigned)words_hash(p->keys[0]);
    p->hash[1] = w.n > 1 ? (unsigned)words_hash(p->keys[1]) : 0;
    ps->n++;
    ps->sorted = 0;
    words_free(&w);
    return 0;
oom:
    words_free(&w);
    return -1;
}

int
phrases_add_list(struct phrases *ps, const char *list, int tag, int weight)
{
    struct buf b = {0};
    const char *p = list;

    while (p && *p) {
        const char *comma = strchr(p, ',');
        size_t n = comma ? (size_t)(comma - p) : strlen(p);
        b.len = 0;
        if (buf_add(&b, p, n) < 0 || phrases_add(ps, b.data, tag, weight) < 0) {
            buf_free(&b);
            return -1;
        }
        p += n + (comma ? 1 : 0);
    }
    buf_free(&b);
    return 0;
}

void
phrases_free(struct phrases *ps)
{
    for (size_t i = 0; i < ps->n; i++) {
        free(ps->p[i].keys);
        free(ps->p[i].text);
    }
    free(ps->p);
    free(ps->first);
    free(ps->pairs);
    memset(ps, 0, sizeof *ps);
}

/* A bit for the first letter of KEY: a to z, a digit, or anything else. */
static unsigned
key_bit(const char *key)
{
    unsigned char c = (unsigned char)key[0];

    return c >= 'a' && c <= 'z' ? 1u << (c - 'a') : c >= '0' && c <= '9' ? 1u << 26 : 1u << 27;
}

/* Whether phrases X and Y begin with the same key, or (PAIR) the same two keys. */
static int
same_start(const struct phrase *x, const struct phrase *y, int pair)
{
    if (x->hash[0] != y->hash[0] || strcmp(x->keys[0], y->keys[0]) != 0)
        return 0;
    return !pair || (x->n > 1 && y->n > 1 && x->hash[1] == y->hash[1] &&
                     strcmp(x->keys[1], y->keys[1]) == 0);
}

/* The slot of the pair of first keys hashed H0, H1. */
static size_t
pair_hash(unsigned h0, unsigned h1)
{
    return (size_t)h0 * 31u + h1 * 0x9E3779B1u;
}

/* The hash tables of PS's first keys and first pairs of keys, PS being sorted; on OOM
 * none (PS->first NULL: the sorted list is walked instead). */
static void
index_first_keys(struct phrases *ps)
{
    size_t size = 16;

    free(ps->first);
    free(ps->pairs);
    ps->first = ps->pairs = NULL;
    while (size < 2 * ps->n)
        size *= 2;
    ps->first = calloc(size, sizeof *ps->first);
    ps->pairs = calloc(size, sizeof *ps->pairs);
    if (!ps->first || !ps->pairs) {
        free(ps->first);
        free(ps->pairs);
        ps->first = ps->pairs = NULL;
    }
    ps->mask = ps->pair_mask = size - 1;
    /* each phrase knows where its first key's group ends, where its phrases of one
     * word end (they come first), and where the phrases with its first two keys end:
     * a scan looks a word's group up once, then the pair it makes with the next word */
    for (size_t j = ps->n; j-- > 0;) {
        struct phrase *p = &ps->p[j], *q = j + 1 < ps->n ? p + 1 : NULL;
        int same = q && same_start(p, q, 0);
        p->group_end = same ? q->group_end : j + 1;
        p->pair_end = q && p->n > 1 && same_start(p, q, 1) ? q->pair_end : j + 1;
        p->next = (same ? q->next : 0) | (p->n > 1 ? key_bit(p->keys[1]) : 0);
    }
    for (size_t j = 0; j < ps->n; j++) {
        struct phrase *p = &ps->p[j];
        int same = j > 0 && same_start(p, p - 1, 0);
        if (same) { /* every phrase of a group holds the group's: the first is read */
            p->group_one = p[-1].group_one;
            p->next = p[-1].next;
        } else {
            size_t k = j;
            while (k < p->group_end && ps->p[k].n <= 1)
                k++;
            p->group_one = k;
        }
        if (!ps->first)
            continue;
        if (!same) {
            size_t h = p->hash[0] & ps->mask;
            while (ps->first[h])
                h = (h + 1) & ps->mask;
            ps->first[h] = j + 1;
        }
        if (p->n > 1 && !(j > 0 && same_start(p, p - 1, 1))) {
            size_t h = pair_hash(p->hash[0], p->hash[1]) & ps->pair_mask;
            while (ps->pairs[h])
                h = (h + 1) & ps->pair_mask;
            ps->pairs[h] = j + 1;
        }
    }
}

/* The first phrase of PS (sorted) whose first key is KEY (of HASH, words_hash's), or
 * PS->n when there is none. */
static size_t
first_with(const struct phrases *ps, const char *key, unsigned hash)
{
    size_t lo;

    if (ps->first) {
        for (size_t h = hash & ps->mask; ps->first[h]; h = (h + 1) & ps->mask) {
            const struct phrase *p = &ps->p[ps->first[h] - 1];
            if (p->hash[0] == hash && strcmp(p->keys[0], key) == 0)
                return ps->first[h] - 1;
        }
        return ps->n;
    }
    /* without the table (out of memory): a slower walk of the sorted list */
    for (lo = 0; lo < ps->n && strcmp(ps->p[lo].keys[0], key) < 0; lo++)
        ;
    return lo;
}

/* The first phrase of PS (sorted, with its tables) of more than one word whose first
 * two keys are those of words A and B, or PS->n when there is none. */
static size_t
pair_with(const struct phrases *ps, const struct word *a, const struct word *b)
{
    for (size_t h = pair_hash(a->hash, b->hash) & ps->pair_mask; ps->pairs[h];
         h = (h + 1) & ps->pair_mask) {
        const struct phrase *p = &ps->p[ps->pairs[h] - 1];
        if (p->hash[0] == a->hash && p->hash[1] == b->hash && strcmp(p->keys[0], a->key) == 0 &&
            strcmp(p->keys[1], b->key) == 0)
            return ps->pairs[h] - 1;
    }
    return ps->n;
}

/* By first word, then the phrases of one word, then by second word, then longest
 * first (so that a scan tries "could anyone use" before "could anyone"), then in the
 * order they were added. */
static int
cmp_phrase(const void *a, const void *b)
{
    const struct phrase *x = a, *y = b;
    int c = strcmp(x->keys[0], y->keys[0]);

    if (c)
        return c;
    if ((x->n > 1) != (y->n > 1))
        return x->n > 1 ? 1 : -1;
    if (x->n > 1 && (c = strcmp(x->keys[1], y->keys[1])) != 0)
        return c;
    if (x->n != y->n)
        return x->n < y->n ? 1 : -1;
    return x->order < y->order ? -1 : x->order > y->order ? 1 : 0;
}

/* Whether phrase P matches W at word I (P's first two keys known to match) with no
 * sentence break inside and its end before TO. */
static int
rest_matches(const struct phrase *p, const struct words *w, size_t i, size_t to)
{
    if (i + p->n > to)
        return 0;
    for (size_t k = 2; k < p->n; k++) {
        const struct word *x = &w->w[i + k];
        if (p->keys[k][0] != x->key[0] || (x->flags & W_BREAK) || strcmp(p->keys[k], x->key) != 0)
            return 0;
    }
    return 1;
}

int
phrase_at(const struct phrase *p, const struct words *w, size_t at)
{
    if (at + p->n > w->n)
        return 0;
    for (size_t i = 0; i < p->n; i++)
        if (strcmp(p->keys[i], w->w[at + i].key) != 0)
            return 0;
    return 1;
}

/* The phrase of PS that starts at word I of W (before word TO), the longest of those
 * that start there; PS->n for none. PS is sorted. */
static size_t
match_at(struct phrases *ps, const struct words *w, size_t i, size_t to)
{
    const struct word *x = &w->w[i];
    size_t lo = first_with(ps, x->key, x->hash), end, hit = ps->n;
    int next = i + 1 < to && !(w->w[i + 1].flags & W_BREAK);

    if (lo >= ps->n)
        return ps->n;
    end = ps->first ? ps->p[lo].group_end : ps->n;
    if (ps->first) {
        const struct phrase *g = &ps->p[lo];
        /* the phrases of more than one word that begin with this word and the next
         * (most words begin some, "i", "the", but not with the next word: its first
         * letter tells most of them apart); then those of one word */
        if (next && g->group_one < end && (g->next & key_bit(w->w[i + 1].key))) {
            size_t j = pair_with(ps, x, &w->w[i + 1]);
            for (size_t pe = j < ps->n ? ps->p[j].pair_end : j; j < pe && hit == ps->n; j++)
                if (rest_matches(&ps->p[j], w, i, to))
                    hit = j;
        }
        if (hit == ps->n && lo < g->group_one)
            hit = lo;
    } else {
        /* without the tables: each phrase of the group, those of more than one word
         * first */
        for (int pass = 0; pass < 2 && hit == ps->n; pass++)
            for (size_t j = lo;
                 j < end && hit == ps->n && strcmp(ps->p[j].keys[0], x->key) == 0; j++) {
                const struct phrase *p = &ps->p[j];
                if ((p->n > 1) == pass)
                    continue;
                if (p->n == 1 || (next && strcmp(p->keys[1], w->w[i + 1].key) == 0 &&
                                  rest_matches(p, w, i, to)))
                    hit = j;
            }
    }
    return hit;
}

/* Whether a longer phrase than P, at word I, of as much weight or more, starts inside
 * it and ends after it ("ya se la llevaron" holds "ya se" and, one word later, "se la
 * llevaron": the longer is what was said; "tempt anyone with a" holds "tempt anyone"
 * and the weaker "anyone with a"). A phrase of weight 0, one that hides others, is
 * never hidden. */
static int
overlapped(struct phrases *ps, const struct words *w, size_t i, const struct phrase *p,
           size_t to)
{
    for (size_t k = i + 1; k < i + p->n && k < to; k++) {
        size_t hit = match_at(ps, w, k, to);
        const struct phrase *q = hit < ps->n ? &ps->p[hit] : NULL;
        if (q && k + q->n > i + p->n && q->n > p->n && q->weight >= p->weight &&
            p->weight > 0)
            return 1;
    }
    return 0;
}

size_t
phrases_scan(struct phrases *ps, const struct words *w, size_t from, size_t to, phrase_fn fn,
             void *ud)
{
    size_t found = 0;

    if (!ps->sorted) {
        if (ps->n > 1)
            qsort(ps->p, ps->n, sizeof *ps->p, cmp_phrase);
        index_first_keys(ps);
        ps->sorted = 1;
    }
    if (to > w->n)
        to = w->n;
    for (size_t i = from; i < to;) {
        size_t hit = match_at(ps, w, i, to);

        /* of two phrases that overlap, the first, unless the other is longer and weighs
         * as much */
        if (hit == ps->n || (ps->p[hit].n > 1 && overlapped(ps, w, i, &ps->p[hit], to))) {
            i++;
            continue;
        }
        fn(&ps->p[hit], i, ud);
        found++;
        i += ps->p[hit].n;
    }
    return found;
}
