/* fuzz_mbox.c — the mbox splitter (mboxrd unquoting, oversize messages) on any file,
 * storing into an in-memory database. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "db.h"
#include "fuzz.h"
#include "sources.h"
#include "store.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static char path[64];
    static sqlite3 *db;
    char err[1024];
    struct store s;
    FILE *f;

    if (!db && !(db = db_open(":memory:", err, sizeof err)))
        abort();
    if (!path[0])
        snprintf(path, sizeof path, "/tmp/doorstep-fuzz-mbox.%ld", (long)getpid());
    if (!(f = fopen(path, "wb")))
        return 0;
    fwrite(data, 1, size, f);
    fclose(f);
    if (store_open(&s, db, "mbox:fuzz", 4096, 50, err, sizeof err) == 0) {
        fetch_mbox(&s, path, err, sizeof err);
        store_close(&s);
    }
    db_exec(db, "DELETE FROM messages", err, sizeof err);
    unlink(path);
    return 0;
}
