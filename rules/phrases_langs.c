/* phrases_langs.c — the built-in phrases of Spanish and Polish, the categories'
 * keywords of the three languages, and the look-ups in the built-in lists (a language's,
 * a category's, a subject's first word). */
#include "phrases_int.h"

#include <string.h>

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
    return add_all(ps, phrases_kind_en, phrases_nkind_en);
}

int
phrases_builtin_closing(struct phrases *ps)
{
    return add_all(ps, phrases_closing_en, phrases_nclosing_en);
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

