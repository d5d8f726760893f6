/* The yardstick of `make bench`: the least a FastCGI responder can do to answer
 * Campus's /courses page. N threads, each with its own FCGX_Request and PGconn (no
 * accept mutex: see DESIGN.md's libfcgi facts), one prepared statement per request,
 * the rows escaped into one buffer with the same markup as Campus's /courses page for
 * a signed-out Spanish reader. Everything else (the page shell, the filter form and its
 * topics) is rendered once at start-up. Only nginx may reach the socket. The markup
 * follows Layout.page (Sources/Campus/App/Layout.swift) and CatalogPages.courseList,
 * courseCard and stateBadge (Sources/Campus/Catalog/CatalogPages.swift); `make bench`
 * compares both pages byte for byte, the CSRF token aside.
 *
 *   ceiling --socket PATH --workers N --asset-version V
 *
 * The database comes from libpq's environment (PGHOST, PGDATABASE...).
 */
#include <fcgiapp.h>
#include <libpq-fe.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Follows CatalogQueries.fetchCourseListings (Sources/Campus/Catalog/CatalogListings.swift)
 * for browsing: no words, no filters, no cursor. This is the statement Campus sends for an
 * unfiltered /courses, byte for byte (captured from PostgreSQL's log with log_statement =
 * all), and its values for a Spanish reader: the SQL type numbers every interpolation as a
 * parameter of its own, typed text or int8. `make bench` checks in PostgreSQL's log that
 * Campus still sends this text with these values, and says so in the results: when the
 * function changes, capture the statement again and paste it here. */
static const char *listings_sql =
    "\n"
    "SELECT p.id, p.slug, p.title, p.kind, p.language, p.summary, NULL::float8 AS rank, NULL::text AS marked_summary, NULL::text AS marked_description,\n"
    "       ARRAY(SELECT t.names->>$1 FROM course_topics ct JOIN topics t ON t.id = ct.topic_id\n"
    "             WHERE ct.course_id = p.id ORDER BY 1) AS topics,\n"
    "       n.id AS edition_id, n.name AS edition_name, n.language AS edition_language, n.starts_on, n.ends_on,\n"
    "       n.capacity, n.phase, n.taken, n.waitlisted\n"
    "FROM (SELECT c.id, c.slug, c.title, c.kind, c.language, c.summary\n"
    "FROM courses c\n"
    "WHERE c.published AND c.kind <> 'capsule' \n"
    "ORDER BY CASE c.kind WHEN 'programme' THEN 0 WHEN 'course' THEN 1 ELSE 2 END, lower(c.title), c.id\n"
    "LIMIT 21) p\n"
    "LEFT JOIN LATERAL (\n"
    "    SELECT e.id, e.name, e.language, e.starts_on, e.ends_on, e.capacity, CASE WHEN e.ends_on < current_date THEN 'finished'\n"
    "     WHEN e.starts_on <= current_date THEN 'running'\n"
    "     WHEN now() < e.enrollment_opens_at THEN 'upcoming'\n"
    "     WHEN now() >= e.enrollment_closes_at THEN 'closed'\n"
    "     ELSE 'open' END AS phase,\n"
    "           e.seats_taken::int8 AS taken, e.waitlisted::int8 AS waitlisted\n"
    "    FROM editions e\n"
    "    WHERE e.course_id = p.id AND e.starts_on > current_date AND now() < e.enrollment_closes_at\n"
    "    ORDER BY e.language = $2 DESC, now() >= e.enrollment_opens_at DESC, e.starts_on, e.id\n"
    "    LIMIT 1\n"
    ") n ON true\n"
    "\n"
    "ORDER BY  CASE p.kind WHEN 'programme' THEN 0 WHEN 'course' THEN 1 ELSE 2 END, lower(p.title), p.id";

enum { TEXT_OID = 25, PARAMS = 2, PAGE_SIZE = 20 };
enum { ID, SLUG, TITLE, KIND, LANGUAGE, SUMMARY, RANK, MARKED_SUMMARY, MARKED_DESCRIPTION, TOPICS, EDITION_ID,
       EDITION_NAME, EDITION_LANGUAGE, STARTS_ON, ENDS_ON, CAPACITY, PHASE, TAKEN, WAITLISTED };

/* The first page for a Spanish reader: topic names in Spanish, Spanish editions first
 * (the 21 rows, a page and one more to know whether there is a next, are in the text). */
static const Oid listings_types[PARAMS] = {TEXT_OID, TEXT_OID};
static const char *const listings_values[PARAMS] = {"es", "es"};

/* One growing byte buffer per worker: the page is written once, never copied. */
typedef struct { char *bytes; size_t length, capacity; } Buffer;

static void reserve(Buffer *b, size_t more) {
    if (b->length + more <= b->capacity) return;
    while (b->length + more > b->capacity) b->capacity = b->capacity ? b->capacity * 2 : 16384;
    b->bytes = realloc(b->bytes, b->capacity);
    if (!b->bytes) { perror("realloc"); exit(1); }
}

static void append_bytes(Buffer *b, const char *text, size_t length) {
    reserve(b, length);
    memcpy(b->bytes + b->length, text, length);
    b->length += length;
}

static void append(Buffer *b, const char *text) { append_bytes(b, text, strlen(text)); }

/* Text into markup, escaping & < > " ' as Campus's HTML type does. */
static void escaped(Buffer *b, const char *text, size_t length) {
    reserve(b, length * 6);
    for (size_t i = 0; i < length; i++) {
        const char *entity = NULL;
        switch (text[i]) {
        case '&': entity = "&amp;"; break;
        case '<': entity = "&lt;"; break;
        case '>': entity = "&gt;"; break;
        case '"': entity = "&quot;"; break;
        case '\'': entity = "&#39;"; break;
        default: b->bytes[b->length++] = text[i]; continue;
        }
        size_t n = strlen(entity);
        memcpy(b->bytes + b->length, entity, n);
        b->length += n;
    }
}

static void escapes(Buffer *b, const char *text) { escaped(b, text, strlen(text)); }

static void number(Buffer *b, long long value) {
    char digits[24];
    append_bytes(b, digits, (size_t)snprintf(digits, sizeof digits, "%lld", value));
}

/* The es catalog's words the cards use (locales/es.properties). */
static const char *const months[] = {"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio",
                                     "agosto", "septiembre", "octubre", "noviembre", "diciembre"};

static const char *label(const char *const pairs[][2], const char *key) {
    for (int i = 0; pairs[i][0]; i++)
        if (strcmp(pairs[i][0], key) == 0) return pairs[i][1];
    return key;
}

static const char *const kinds[][2] = {{"programme", "Programa"}, {"course", "Curso de especialización"},
                                       {"capsule", "Cápsula formativa"}, {"adhoc", "Formación a medida"}, {NULL, NULL}};
static const char *const languages[][2] = {{"es", "español"}, {"pt", "portugués"}, {"en", "inglés"},
                                           {"fr", "francés"}, {NULL, NULL}};
static const char *const phases[][2] = {{"upcoming", "Inscripción aún no abierta"}, {"closed", "Inscripción cerrada"},
                                        {"running", "En curso"}, {"finished", "Finalizada"}, {NULL, NULL}};

/* "2027-02-13" as "13 de febrero de 2027". */
static void date(Buffer *b, const char *iso) {
    int year = 0, month = 1, day = 1;
    sscanf(iso, "%d-%d-%d", &year, &month, &day);
    if (month < 1 || month > 12) month = 1;
    number(b, day);
    append(b, " de ");
    append(b, months[month - 1]);
    append(b, " de ");
    number(b, year);
}

/* A text[] in PostgreSQL's text form ({a,"b c"}) as topic badges. */
static void topics(Buffer *b, const char *array) {
    char element[1024];
    const char *p = array + (*array == '{');
    while (*p && *p != '}') {
        size_t n = 0;
        int quoted = *p == '"';
        if (quoted) p++;
        while (*p && (quoted ? *p != '"' : (*p != ',' && *p != '}'))) {
            if (quoted && *p == '\\' && p[1]) p++;
            if (n < sizeof element - 1) element[n++] = *p;
            p++;
        }
        if (quoted && *p == '"') p++;
        if (*p == ',') p++;
        if (!quoted && n == 4 && memcmp(element, "NULL", 4) == 0) continue;
        append(b, " <span class=\"topic\">");
        escaped(b, element, n);
        append(b, "</span>");
    }
}

/* CatalogPages.stateBadge, with the es catalog's plural forms. */
static void state_badge(Buffer *b, const PGresult *rows, int row) {
    const char *phase = PQgetvalue(rows, row, PHASE);
    long long capacity = atoll(PQgetvalue(rows, row, CAPACITY)), taken = atoll(PQgetvalue(rows, row, TAKEN));
    long long waitlisted = atoll(PQgetvalue(rows, row, WAITLISTED));
    int open = strcmp(phase, "open") == 0, full = open && taken >= capacity;
    const char *state = full ? "full" : phase;
    append(b, "<span class=\"state state-");
    escapes(b, state);
    append(b, "\">");
    if (full) {
        append(b, "Completa · ");
        number(b, waitlisted);
        append(b, waitlisted == 1 ? " persona en lista de espera" : " personas en lista de espera");
    } else if (open) {
        long long left = capacity - taken > 0 ? capacity - taken : 0;
        append(b, left == 1 ? "Inscripción abierta · queda " : "Inscripción abierta · quedan ");
        number(b, left);
        append(b, left == 1 ? " plaza" : " plazas");
    } else {
        escapes(b, label(phases, phase));
    }
    append(b, "</span>");
}

/* CatalogPages.courseCard. */
static void card(Buffer *b, const PGresult *rows, int row) {
    const char *language = PQgetvalue(rows, row, LANGUAGE), *kind = PQgetvalue(rows, row, KIND);
    append(b, "<li class=\"card\">\n<p class=\"eyebrow\"><span class=\"kind kind-");
    escapes(b, kind);
    append(b, "\">");
    escapes(b, label(kinds, kind));
    append(b, "</span>");
    topics(b, PQgetvalue(rows, row, TOPICS));
    append(b, "</p>\n<h2><a href=\"/courses/");
    escapes(b, PQgetvalue(rows, row, SLUG));
    append(b, "\" lang=\"");
    escapes(b, language);
    append(b, "\">");
    escapes(b, PQgetvalue(rows, row, TITLE));
    append(b, "</a></h2>\n<p lang=\"");
    escapes(b, language);
    append(b, "\">");
    escapes(b, PQgetvalue(rows, row, SUMMARY));
    append(b, "</p>\n");
    if (PQgetisnull(rows, row, EDITION_ID)) {
        append(b, "<p class=\"next-edition muted\">Sin ediciones abiertas ni próximas</p>\n</li>");
        return;
    }
    append(b, "<p class=\"next-edition\"><span class=\"label\">Próxima edición:</span> <a href=\"/editions/");
    escapes(b, PQgetvalue(rows, row, EDITION_ID));
    append(b, "\">");
    escapes(b, PQgetvalue(rows, row, EDITION_NAME));
    append(b, "</a> · del ");
    date(b, PQgetvalue(rows, row, STARTS_ON));
    append(b, " al ");
    date(b, PQgetvalue(rows, row, ENDS_ON));
    append(b, " · ");
    escapes(b, label(languages, PQgetvalue(rows, row, EDITION_LANGUAGE)));
    append(b, "<br>");
    state_badge(b, rows, row);
    append(b, "</p>\n</li>");
}

/* Everything before the cards, made once: Campus's shell for a signed-out Spanish
 * reader on /courses, and its filter form with the topics from the database. The CSRF
 * field holds a fixed token as long as Campus's (86 characters), so sizes compare. */
static Buffer head;

static const char *const head_top =
    "<!doctype html>\n<html lang=\"es\">\n<head>\n<meta charset=\"utf-8\">\n"
    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
    "<title>Catálogo de cursos · Campus</title>\n<link rel=\"stylesheet\" href=\"/static/campus.css?v=";
static const char *const head_shell =
    "\">\n<link rel=\"icon\" href=\"/static/favicon.svg\" type=\"image/svg+xml\">\n</head>\n<body>\n"
    "<a class=\"skip-link\" href=\"#main\">Saltar al contenido</a>\n<header class=\"site-header\">\n"
    "<div class=\"wrap header-row\">\n"
    "<a class=\"brand\" href=\"/\"><span class=\"brand-mark\" aria-hidden=\"true\">◆</span> Campus</a>\n"
    "<nav class=\"site-nav\" aria-label=\"Navegación principal\"><ul><li><a href=\"/courses\" aria-current=\"page\">Cursos</a></li>"
    "<li><a href=\"/capsules\">Cápsulas</a></li><li><a href=\"/scholarships\">Becas</a></li></ul></nav>\n"
    "<form class=\"lang-switch\" method=\"post\" action=\"/locale\">\n"
    "<input type=\"hidden\" name=\"_csrf\" value=\"ceiling-0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcdef\">\n"
    "<input type=\"hidden\" name=\"next\" value=\"/courses\">\n<span class=\"visually-hidden\">Idioma</span>\n"
    "<button type=\"submit\" name=\"lang\" value=\"es\" lang=\"es\" title=\"Español\" aria-pressed=\"true\">ES</button>"
    "<button type=\"submit\" name=\"lang\" value=\"pt\" lang=\"pt\" title=\"Português\" aria-pressed=\"false\">PT</button>"
    "<button type=\"submit\" name=\"lang\" value=\"en\" lang=\"en\" title=\"English\" aria-pressed=\"false\">EN</button>"
    "<button type=\"submit\" name=\"lang\" value=\"fr\" lang=\"fr\" title=\"Français\" aria-pressed=\"false\">FR</button>\n"
    "</form>\n"
    "<div class=\"user-menu\"><a href=\"/login?next=%2Fcourses\">Entrar</a> <a class=\"button small\" href=\"/register\">Crear cuenta</a></div>\n"
    "</div>\n</header>\n<main id=\"main\" class=\"wrap\" tabindex=\"-1\">\n\n"
    "<header class=\"page-header\">\n<h1>Catálogo de cursos</h1>\n"
    "<p class=\"lead\">Programas de especialización, cursos temáticos y formación a medida para los gobiernos locales de la red.</p>\n"
    "</header>\n"
    "<form class=\"filters\" method=\"get\" action=\"/courses\" role=\"search\">\n"
    "<div class=\"field\"><label for=\"q\">Buscar</label>\n"
    "<input id=\"q\" name=\"q\" type=\"search\" value=\"\" maxlength=\"200\" placeholder=\"Por ejemplo: movilidad sostenible\"></div>\n"
    "<div class=\"field\"><label for=\"topic\">Tema</label><select id=\"topic\" name=\"topic\"><option value=\"\" selected>Todos los temas</option>";
static const char *const head_bottom =
    "</select></div>\n"
    "<div class=\"field\"><label for=\"kind\">Tipo</label><select id=\"kind\" name=\"kind\"><option value=\"\" selected>Todos los tipos</option>"
    "<option value=\"programme\">Programa</option><option value=\"course\">Curso de especialización</option>"
    "<option value=\"adhoc\">Formación a medida</option></select></div>\n"
    "<div class=\"field\"><label for=\"lang\">Idioma</label><select id=\"lang\" name=\"lang\"><option value=\"\" selected>Todos los idiomas</option>"
    "<option value=\"es\">español</option><option value=\"pt\">portugués</option><option value=\"en\">inglés</option>"
    "<option value=\"fr\">francés</option></select></div>\n"
    "<button type=\"submit\" class=\"button\">Buscar</button>\n</form>\n";
static const char *const tail =
    "\n</main>\n<footer class=\"site-footer\">\n<div class=\"wrap\">\n"
    "<p>Campus, la plataforma de formación de la red de gobiernos locales de Iberoamérica.</p>\n"
    "</div>\n</footer>\n</body>\n</html>";

static const char *headers =
    "Content-Type: text/html; charset=utf-8\r\nCache-Control: private, no-cache\r\n"
    "Content-Security-Policy: default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'\r\n"
    "X-Content-Type-Options: nosniff\r\nReferrer-Policy: same-origin\r\nX-Frame-Options: DENY\r\n";

static PGconn *connect_db(void) {
    PGconn *db = PQconnectdb("");
    if (PQstatus(db) != CONNECTION_OK) {
        fprintf(stderr, "ceiling: %s", PQerrorMessage(db));
        exit(1);
    }
    /* As Campus's connections: current_date and now() in UTC, ISO dates. */
    PQclear(PQexec(db, "SET TimeZone = 'UTC'; SET DateStyle = 'ISO, YMD'; SET IntervalStyle = 'postgres'"));
    return db;
}

/* CatalogQueries.fetchTopics, once. */
static void render_head(const char *asset_version) {
    PGconn *db = connect_db();
    PGresult *rows = PQexec(db, "SELECT slug, names->>'es' AS name FROM topics ORDER BY 2");
    if (PQresultStatus(rows) != PGRES_TUPLES_OK) {
        fprintf(stderr, "ceiling: %s", PQerrorMessage(db));
        exit(1);
    }
    append(&head, head_top);
    escapes(&head, asset_version);
    append(&head, head_shell);
    for (int i = 0; i < PQntuples(rows); i++) {
        append(&head, "<option value=\"");
        escapes(&head, PQgetvalue(rows, i, 0));
        append(&head, "\">");
        escapes(&head, PQgetvalue(rows, i, 1));
        append(&head, "</option>");
    }
    append(&head, head_bottom);
    PQclear(rows);
    PQfinish(db);
}

/* The body of /courses from one result, after the shared head. */
static void render_page(Buffer *b, const PGresult *rows) {
    int count = PQntuples(rows), shown = count < PAGE_SIZE ? count : PAGE_SIZE;
    append_bytes(b, head.bytes, head.length);
    if (shown == 0) {
        append(b, "<p class=\"empty\">Todavía no hay cursos publicados.</p>\n");
    } else {
        append(b, "<ul class=\"card-list\">");
        for (int row = 0; row < shown; row++) card(b, rows, row);
        append(b, "</ul>\n");
    }
    if (count > PAGE_SIZE) {
        append(b, "<nav class=\"pagination\" aria-label=\"Páginas\"><a rel=\"next\" href=\"/courses?after=");
        escapes(b, PQgetvalue(rows, shown - 1, ID));
        append(b, "\">Siguientes →</a></nav>");
    }
    append(b, tail);
}

static int listener;

static void *work(void *unused) {
    (void)unused;
    PGconn *db = connect_db();
    PGresult *prepared = PQprepare(db, "listings", listings_sql, PARAMS, listings_types);
    if (PQresultStatus(prepared) != PGRES_COMMAND_OK) {
        fprintf(stderr, "ceiling: %s", PQerrorMessage(db));
        exit(1);
    }
    PQclear(prepared);
    FCGX_Request request;
    FCGX_InitRequest(&request, listener, 0);
    Buffer page = {0}, head_lines = {0};
    while (FCGX_Accept_r(&request) == 0) {
        PGresult *rows = PQexecPrepared(db, "listings", PARAMS, listings_values, NULL, NULL, 0);
        page.length = head_lines.length = 0;
        if (PQresultStatus(rows) == PGRES_TUPLES_OK) {
            render_page(&page, rows);
            append(&head_lines, headers);
        } else {
            fprintf(stderr, "ceiling: %s", PQerrorMessage(db));
            if (PQstatus(db) != CONNECTION_OK) PQreset(db);
            append(&page, "Service unavailable");
            append(&head_lines, "Status: 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\n");
        }
        PQclear(rows);
        const char *id = FCGX_GetParam("REQUEST_ID", request.envp);
        if (id) {
            append(&head_lines, "X-Request-Id: ");
            append(&head_lines, id);
            append(&head_lines, "\r\n");
        }
        append(&head_lines, "Content-Length: ");
        number(&head_lines, (long long)page.length);
        append(&head_lines, "\r\n\r\n");
        FCGX_PutStr(head_lines.bytes, (int)head_lines.length, request.out);
        FCGX_PutStr(page.bytes, (int)page.length, request.out);
        FCGX_Finish_r(&request);
    }
    return NULL;
}

int main(int argc, char **argv) {
    const char *socket_path = NULL, *asset_version = "";
    int workers = 2 * (int)sysconf(_SC_NPROCESSORS_ONLN);
    for (int i = 1; i + 1 < argc; i += 2) {
        if (strcmp(argv[i], "--socket") == 0) socket_path = argv[i + 1];
        else if (strcmp(argv[i], "--workers") == 0) workers = atoi(argv[i + 1]);
        else if (strcmp(argv[i], "--asset-version") == 0) asset_version = argv[i + 1];
    }
    if (!socket_path || workers < 1) {
        fprintf(stderr, "usage: ceiling --socket PATH [--workers N] [--asset-version V]\n");
        return 2;
    }
    render_head(asset_version);
    if (FCGX_Init() != 0) return 1;
    /* FCGX_Init leaves SIGTERM to a handler that only sets a flag while threads sit in
     * accept(): the default action ends the process, which is all a benchmark needs. */
    signal(SIGTERM, SIG_DFL);
    signal(SIGPIPE, SIG_IGN);
    unlink(socket_path);
    /* The same backlog as campus serve (Sources/FastCGI/ListenAddress.swift). */
    listener = FCGX_OpenSocket(socket_path, 1024);
    if (listener < 0) {
        perror("ceiling: socket");
        return 1;
    }
    pthread_t threads[256];
    if (workers > 256) workers = 256;
    for (int i = 0; i < workers; i++) pthread_create(&threads[i], NULL, work, NULL);
    for (int i = 0; i < workers; i++) pthread_join(threads[i], NULL);
    return 0;
}
