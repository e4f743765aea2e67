/* file.h — files written atomically, files read whole with a cap, folders, and locks. */
#ifndef DOORSTEP_FILE_H
#define DOORSTEP_FILE_H

#include <stddef.h>

/* The modes of what doorstep writes: public outputs (the digest to the group, leaflets,
 * rota and rounds PDFs) are readable by all; anything more (the coordinators' mail,
 * personal digests, sent copies, exports) by the owner alone, in folders only the
 * owner can enter. Set exactly, whatever the umask. */
#define FILE_MODE_PUBLIC 0644
#define FILE_MODE_PRIVATE 0600
#define FILE_MODE_PRIVATE_DIR 0700

/* Writes LEN bytes to PATH atomically: a temporary file in the same folder, fsync,
 * rename, then fsync of the folder. Readers see the old file or the new one, never a
 * part. The file is FILE_MODE_PUBLIC. Returns 0, or -1 with ERR naming the path and
 * the system error (ENOSPC included); the temporary file is removed on failure, and
 * those left by a writer that was killed are removed by the next write to PATH (its
 * folder is listed for them once per process, at the first write into it). */
int file_write_atomic(const char *path, const void *data, size_t len, char *err, size_t errlen);

/* As file_write_atomic, for a file that holds more than the public outputs: it is
 * FILE_MODE_PRIVATE from its creation as a temporary file on. */
int file_write_private(const char *path, const void *data, size_t len, char *err, size_t errlen);

/* A batch of atomic writes made durable together: what file_write_atomic (or
 * file_write_private) does for each file, but the files' fsyncs are made at once in
 * file_batch_commit, which costs about what one fsync does rather than one each (a
 * day's sent copies of a hundred replies). Until it is committed no file of the batch
 * has its name. Start from a zeroed struct. */
struct file_batch_entry {
    char *path;
    int fd;    /* the temporary file, open until committed (-1 after) */
    int error; /* the errno of what failed (its fsync, its rename), or 0 */
    int done;  /* 1 once it has its name, on disk */
};
struct file_batch {
    struct file_batch_entry *e;
    size_t n, cap;
};

/* Writes DATA to PATH's temporary file (PRIVATE: FILE_MODE_PRIVATE, else
 * FILE_MODE_PUBLIC), to be named PATH by file_batch_commit; PATH must not be in the
 * batch already. Returns 0, or -1 with ERR set (the batch unchanged). */
int file_batch_add(struct file_batch *b, const char *path, const void *data, size_t len,
                   int private_file, char *err, size_t errlen);

/* Syncs every file of the batch (together), then names each (rename) and syncs their
 * folders: each file whose entry says done is on disk under its name. Returns 0 when
 * all are, else -1 with ERR set for the first that is not (its temporary removed). */
int file_batch_commit(struct file_batch *b, char *err, size_t errlen);

/* Frees the batch; the temporaries of files never committed are removed. */
void file_batch_free(struct file_batch *b);

/* Makes the folder PATH (and missing parents) FILE_MODE_PRIVATE_DIR, whatever the
 * umask; an existing folder is left as it is (`doorstep check` warns when others can
 * read it). Returns 0 or -1 with ERR set. */
int file_mkdir_private(const char *path, char *err, size_t errlen);

/* Reads the whole of PATH into a malloc'd buffer (NUL-terminated, not counted in *LEN).
 * Fails with -1 and ERR set when unreadable or larger than MAX bytes (then *LEN holds
 * the real size and errno is EFBIG). */
int file_read(const char *path, size_t max, char **data, size_t *len, char *err, size_t errlen);

/* Creates PATH and its missing parents with MODE. Returns 0 or -1 with ERR set. */
int file_mkdirs(const char *path, unsigned mode, char *err, size_t errlen);

/* Takes an exclusive lock on PATH (created if missing), waiting up to WAIT seconds.
 * Returns the open descriptor (the lock lives as long as it stays open), -2 when the
 * wait ran out (ERR says who holds it if known), or -1 on other errors. */
int file_lock(const char *path, int wait, char *err, size_t errlen);

#endif
