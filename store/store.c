/* store.c — the environment: open/close, transactions, map sizing and the
 * write runner that makes MDB_MAP_FULL invisible (see store_int.h). */
#include "store_int.h"

#include <errno.h>
#include <dirent.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static const char *const db_names[DB_COUNT] = {
	"meta", "t2i", "i2t", "spo", "pos", "osp", "sup", "bysrc", "time", "names", "sources"
};

static unsigned db_flags(int i)
{
	switch (i) {
	case DB_T2I: case DB_SPO: case DB_POS: case DB_OSP: case DB_SUP: case DB_BYSRC:
	case DB_TIME: case DB_NAMES:
		return MDB_DUPSORT | MDB_DUPFIXED;
	default:
		return 0;
	}
}

/* ------------------------------------------------------------ helpers */

zt_status zt__mdb(zt_txn *t, int rc, const char *what)
{
	if (t) {
		t->last_mdb_rc = rc;
		/* LMDB leaves a write txn unusable after a failed write; a full
		 * map is repaired by growing it once the txn has ended, and
		 * zt_store_write then runs the whole operation again. */
		if (rc == MDB_MAP_FULL) {
			t->mapfull = 1;
			snprintf(t->last_err, sizeof t->last_err, "%s: the database map is full", what);
		} else {
			snprintf(t->last_err, sizeof t->last_err, "%s: %s", what, mdb_strerror(rc));
		}
		if (t->write)
			t->broken = 1;
	}
	if (rc == ENOMEM)
		return ZT_ERR_NOMEM;
	return rc == MDB_MAP_FULL ? ZT_ERR_LIMIT : ZT_ERR_STORE;
}

zt_status zt__writable(zt_txn *t)
{
	if (!t->write)
		return ZT_ERR_READONLY;
	if (t->broken)
		return ZT_ERR_STORE;
	return ZT_OK;
}

const char *zt__hand_out(zt_txn *t, const void *p, size_t n)
{
	if (!t->write)
		return p;
	char *c = zt_arena_alloc(&t->arena, n + 1);
	if (!c)
		return NULL;
	memcpy(c, p, n);
	c[n] = 0;
	return c;
}

uint64_t zt_txn_snapshot(const zt_txn *txn)
{
	return txn && txn->mt ? (uint64_t)mdb_txn_id(txn->mt) : 0;
}

const char *zt_txn_errmsg(const zt_txn *txn)
{
	return txn && txn->last_err[0] ? txn->last_err : "";
}

static int is_dir_empty_for_create(const char *path)
{
	DIR *d = opendir(path);
	if (!d)
		return 0;
	struct dirent *e;
	int empty = 1;
	while ((e = readdir(d))) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0 ||
		    strcmp(e->d_name, "writer.lock") == 0 || strcmp(e->d_name, "lock.mdb") == 0)
			continue;
		empty = 0;
		break;
	}
	closedir(d);
	return empty;
}

/* mkdir -p: parents with the default mode, the database directory 0700. */
static int mkdirs(const char *path)
{
	char *p = strdup(path);
	if (!p)
		return -1;
	size_t n = strlen(p);
	while (n > 1 && p[n - 1] == '/')
		p[--n] = 0;
	for (char *q = p + 1; *q; q++) {
		if (*q != '/')
			continue;
		*q = 0;
		if (mkdir(p, 0777) != 0 && errno != EEXIST) {
			free(p);
			return -1;
		}
		*q = '/';
	}
	int rc = mkdir(p, 0700);
	free(p);
	return rc != 0 && errno != EEXIST ? -1 : 0;
}

static size_t used_bytes(MDB_env *env)
{
	MDB_envinfo info;
	MDB_stat ms;
	if (mdb_env_info(env, &info) != 0 || mdb_env_stat(env, &ms) != 0)
		return 0;
	return (info.me_last_pgno + 1) * (size_t)ms.ms_psize;
}

static size_t cur_map(MDB_env *env)
{
	MDB_envinfo info;
	return mdb_env_info(env, &info) == 0 ? info.me_mapsize : 0;
}

/* The largest map of at most `want` bytes, halving down to `floor`,
 * that the address space holds now (ulimit -v, 32-bit, valgrind), or 0.
 * Probed with an anonymous reservation: LMDB must not be asked for a map
 * the system refuses, since a failed remap leaves its environment
 * without a map. */
static size_t fit_map(size_t want, size_t floor)
{
	for (; want >= floor && want > 0; want /= 2) {
		void *p = mmap(NULL, want, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
		if (p != MAP_FAILED) {
			munmap(p, want);
			return want;
		}
	}
	return 0;
}

/* The map for a new handle: the default when the address space holds it,
 * else a quarter of the largest that fits, leaving room for the heap. */
static size_t first_map(void)
{
	size_t m = fit_map(ZT_DEFAULT_MAP, ZT_MIN_MAP);
	if (m == ZT_DEFAULT_MAP)
		return m;
	return m / 4 >= ZT_MIN_MAP ? m / 4 : ZT_MIN_MAP;
}

/* Set the map to `size` if the address space holds it; an LMDB code. */
static int set_map(zt_store *st, size_t size)
{
	if (fit_map(size, size) != size)
		return ENOMEM;
	int rc = mdb_env_set_mapsize(st->env, size);
	st->map_size = cur_map(st->env);
	return rc;
}

/* Grow the map to twice its size, or as much more as the address space
 * allows; only when this process has no transaction open (LMDB remaps
 * the file).  Returns an LMDB code. */
static int grow_map(zt_store *st)
{
	size_t cur = cur_map(st->env);
	size_t next = cur < ((size_t)1 << 20) ? ((size_t)1 << 21) : cur > SIZE_MAX / 2 ? SIZE_MAX : cur * 2;
	int rc = set_map(st, next);
	while (rc == ENOMEM && next - cur > ((size_t)1 << 20)) {
		next = cur + (next - cur) / 2;
		rc = set_map(st, next);
	}
	return rc;
}

/* Another process wrote past the end of our map: grow ours to hold the
 * data (twice that, when the address space allows). */
static int adopt_map(zt_store *st)
{
	MDB_envinfo info;
	MDB_stat ms;
	if (mdb_env_info(st->env, &info) != 0 || mdb_env_stat(st->env, &ms) != 0)
		return EINVAL;
	size_t need = (info.me_last_pgno + 1) * (size_t)ms.ms_psize;
	size_t cur = cur_map(st->env);
	size_t want = need > cur ? need : cur;
	if (set_map(st, want > SIZE_MAX / 2 ? SIZE_MAX : want * 2) == 0)
		return 0;
	return set_map(st, want + ((size_t)1 << 20));
}

static void active_add(zt_store *st, int d)
{
	pthread_mutex_lock(&st->mu);
	st->active += d;
	pthread_mutex_unlock(&st->mu);
}

static int active_count(zt_store *st)
{
	pthread_mutex_lock(&st->mu);
	int n = st->active;
	pthread_mutex_unlock(&st->mu);
	return n;
}

/* --------------------------------------------------------------- open */

static zt_status init_new(zt_store *st, MDB_txn *mt, zt_error *err)
{
	int rc = 0;
	for (int i = 0; i < DB_COUNT && rc == 0; i++)
		rc = mdb_dbi_open(mt, db_names[i], db_flags(i) | MDB_CREATE, &st->dbi[i]);
	if (rc == 0) {
		unsigned char v[8];
		MDB_val k = zt_val("magic", 5), d = zt_val(ZT_FORMAT_MAGIC, strlen(ZT_FORMAT_MAGIC));
		rc = mdb_put(mt, st->dbi[DB_META], &k, &d, 0);
		zt_put32(v, ZT_FORMAT_VERSION);
		k = zt_val("version", 7);
		d = zt_val(v, 4);
		if (rc == 0)
			rc = mdb_put(mt, st->dbi[DB_META], &k, &d, 0);
		zt_put64(v, 1);
		k = zt_val("next", 4);
		d = zt_val(v, 8);
		if (rc == 0)
			rc = mdb_put(mt, st->dbi[DB_META], &k, &d, 0);
	}
	if (rc != 0)
		return zt_fail(err, ZT_ERR_STORE, "%s: cannot create the database: %s",
		               st->path, mdb_strerror(rc));
	return ZT_OK;
}

static zt_status check_existing(zt_store *st, MDB_txn *mt, zt_error *err)
{
	MDB_dbi meta;
	int rc = mdb_dbi_open(mt, "meta", 0, &meta);
	if (rc == MDB_NOTFOUND)
		return zt_fail(err, ZT_ERR_NOTDB, "%s: not a zhitu database (an LMDB environment "
		               "without zhitu's tables)", st->path);
	if (rc != 0)
		return zt_fail(err, ZT_ERR_NOTDB, "%s: not a zhitu database: %s", st->path, mdb_strerror(rc));
	MDB_val k = zt_val("magic", 5), d;
	rc = mdb_get(mt, meta, &k, &d);
	if (rc != 0 || d.mv_size != strlen(ZT_FORMAT_MAGIC) ||
	    memcmp(d.mv_data, ZT_FORMAT_MAGIC, d.mv_size) != 0)
		return zt_fail(err, ZT_ERR_NOTDB, "%s: not a zhitu database (no zhitu format mark)", st->path);
	k = zt_val("version", 7);
	rc = mdb_get(mt, meta, &k, &d);
	if (rc != 0 || d.mv_size != 4)
		return zt_fail(err, ZT_ERR_NOTDB, "%s: not a zhitu database (no format version)", st->path);
	uint32_t v = zt_get32(d.mv_data);
	if (v != ZT_FORMAT_VERSION)
		return zt_fail(err, ZT_ERR_VERSION, "%s: database format version %u, but this zhitu "
		               "reads version %u; export it with the zhitu that wrote it and load the "
		               "export into a new database", st->path, v, ZT_FORMAT_VERSION);
	st->dbi[DB_META] = meta;
	for (int i = 1; i < DB_COUNT; i++) {
		rc = mdb_dbi_open(mt, db_names[i], db_flags(i), &st->dbi[i]);
		if (rc != 0)
			return zt_fail(err, ZT_ERR_CORRUPT, "%s: the database lacks its '%s' table (%s); "
			               "it is damaged", st->path, db_names[i], mdb_strerror(rc));
	}
	return ZT_OK;
}

zt_status zt_store_open_with(const char *path, unsigned flags, size_t map_size,
                             zt_store **out, zt_error *err)
{
	*out = NULL;
	if (!path || !*path)
		return zt_fail(err, ZT_ERR_ARG, "no database path given");
	struct stat sb;
	int exists = stat(path, &sb) == 0;
	if (!exists && errno != ENOENT)
		return zt_fail(err, ZT_ERR_IO, "%s: %s", path, strerror(errno));
	if (exists && !S_ISDIR(sb.st_mode))
		return zt_fail(err, ZT_ERR_NOTDB, "%s: not a zhitu database (a database is a directory, "
		               "this is a file)", path);
	if (!exists) {
		if (!(flags & ZT_OPEN_CREATE) || (flags & ZT_OPEN_RDONLY))
			return zt_fail(err, ZT_ERR_NOTDB, "%s: no such database (the directory does not exist)",
			               path);
		if (mkdirs(path) != 0)
			return zt_fail(err, ZT_ERR_IO, "%s: cannot create the database directory: %s",
			               path, strerror(errno));
	}
	char dpath[4096];
	if ((size_t)snprintf(dpath, sizeof dpath, "%s/data.mdb", path) >= sizeof dpath)
		return zt_fail(err, ZT_ERR_ARG, "%s: path too long", path);
	int fresh = access(dpath, F_OK) != 0;
	if (fresh) {
		if (!is_dir_empty_for_create(path))
			return zt_fail(err, ZT_ERR_NOTDB, "%s: not a zhitu database (the directory holds "
			               "other files; choose a new or empty directory)", path);
		if (!(flags & ZT_OPEN_CREATE) || (flags & ZT_OPEN_RDONLY))
			return zt_fail(err, ZT_ERR_NOTDB, "%s: no zhitu database in this directory", path);
	}

	zt_store *st = calloc(1, sizeof *st);
	if (!st)
		return zt_fail(err, ZT_ERR_NOMEM, "out of memory");
	st->flags = flags;
	st->lockfd = -1;
	st->path = strdup(path);
	pthread_mutex_init(&st->wlock, NULL);
	pthread_mutex_init(&st->mu, NULL);
	zt_status s = ZT_OK;
	int rc = mdb_env_create(&st->env);
	if (rc == 0)
		rc = mdb_env_set_maxdbs(st->env, DB_COUNT + 2);
	size_t map = map_size ? map_size : first_map();
	if (rc == 0)
		rc = mdb_env_set_mapsize(st->env, map);
	if (rc != 0 || !st->path) {
		s = zt_fail(err, ZT_ERR_STORE, "%s: %s", path, rc ? mdb_strerror(rc) : "out of memory");
		goto fail;
	}
	unsigned eflags = MDB_NOTLS;
	if (flags & ZT_OPEN_RDONLY)
		eflags |= MDB_RDONLY;
	if (flags & ZT_OPEN_NOSYNC)
		eflags |= MDB_NOSYNC;
	rc = mdb_env_open(st->env, path, eflags, 0600);
	if (rc != 0) {
		if (rc == MDB_INVALID)
			s = zt_fail(err, ZT_ERR_NOTDB, "%s: not a zhitu database (data.mdb is not an "
			            "LMDB file)", path);
		else if (rc == MDB_VERSION_MISMATCH)
			s = zt_fail(err, ZT_ERR_VERSION, "%s: written by an incompatible LMDB version", path);
		else if (rc == EACCES || rc == EROFS)
			s = zt_fail(err, ZT_ERR_IO, "%s: %s (try a read-only command or check permissions)",
			            path, strerror(rc));
		else
			s = zt_fail(err, ZT_ERR_STORE, "%s: cannot open the database: %s", path, mdb_strerror(rc));
		goto fail;
	}
	st->map_size = cur_map(st->env);

	/* An existing database is checked in a read transaction, so that
	 * opening never waits for a writer; only creating one writes. */
	MDB_txn *mt;
	int writing = fresh;
	for (;;) {
		rc = mdb_txn_begin(st->env, NULL, writing ? 0 : MDB_RDONLY, &mt);
		if (rc == MDB_MAP_RESIZED) {
			adopt_map(st);
			rc = mdb_txn_begin(st->env, NULL, writing ? 0 : MDB_RDONLY, &mt);
		}
		if (rc != 0) {
			s = zt_fail(err, rc == EACCES ? ZT_ERR_IO : ZT_ERR_STORE, "%s: %s", path, mdb_strerror(rc));
			goto fail;
		}
		if (writing) {
			s = init_new(st, mt, err);
			break;
		}
		/* An environment whose creating transaction never committed is
		 * empty: finish creating it. */
		MDB_dbi main;
		MDB_stat ms;
		int empty = mdb_dbi_open(mt, NULL, 0, &main) == 0 &&
		            mdb_stat(mt, main, &ms) == 0 && ms.ms_entries == 0;
		if (empty && !(flags & ZT_OPEN_RDONLY) && (flags & ZT_OPEN_CREATE)) {
			mdb_txn_abort(mt);
			writing = 1;
			continue;
		}
		s = check_existing(st, mt, err);
		break;
	}
	if (s != ZT_OK) {
		mdb_txn_abort(mt);
		goto fail;
	}
	rc = mdb_txn_commit(mt);
	if (rc != 0) {
		s = zt_fail(err, ZT_ERR_STORE, "%s: %s", path, mdb_strerror(rc));
		goto fail;
	}
	if (!(flags & ZT_OPEN_RDONLY)) {
		char lpath[4096];
		snprintf(lpath, sizeof lpath, "%s/writer.lock", path);
		st->lockfd = open(lpath, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
		if (st->lockfd < 0) {
			s = zt_fail(err, ZT_ERR_IO, "%s: %s", lpath, strerror(errno));
			goto fail;
		}
	}
	*out = st;
	return ZT_OK;
fail:
	zt_store_close(st);
	return s;
}

zt_status zt_store_open(const char *path, unsigned flags, zt_store **out, zt_error *err)
{
	return zt_store_open_with(path, flags, 0, out, err);
}

void zt_store_close(zt_store *st)
{
	if (!st)
		return;
	if (st->env)
		mdb_env_close(st->env);
	if (st->lockfd >= 0)
		close(st->lockfd);
	pthread_mutex_destroy(&st->wlock);
	pthread_mutex_destroy(&st->mu);
	free(st->path);
	free(st);
}

const char *zt_store_path(const zt_store *st)
{
	return st->path;
}

/* -------------------------------------------------------- transactions */

static void load_meta(zt_txn *t)
{
	MDB_val k = zt_val("next", 4), d;
	t->next = mdb_get(t->mt, t->st->dbi[DB_META], &k, &d) == 0 && d.mv_size == 8 ? zt_get64(d.mv_data) : 1;
	k = zt_val("maxspan", 7);
	t->maxspan = mdb_get(t->mt, t->st->dbi[DB_META], &k, &d) == 0 && d.mv_size == 8 ? zt_get64(d.mv_data) : 0;
	k = zt_val("multi", 5);
	t->multi = mdb_get(t->mt, t->st->dbi[DB_META], &k, &d) == 0 && d.mv_size == 8 ? zt_get64(d.mv_data) : 0;
	t->meta_dirty = 0;
	t->id_label = t->id_alt = 0;
	t->ndeltas = 0;
}

static int begin_mdb(zt_store *st, int write, MDB_txn **mt)
{
	int rc = mdb_txn_begin(st->env, NULL, write ? 0 : MDB_RDONLY, mt);
	if (rc == MDB_MAP_RESIZED && active_count(st) <= 1) {
		/* Another process grew the file past our map: follow it. */
		rc = adopt_map(st);
		if (rc == 0)
			rc = mdb_txn_begin(st->env, NULL, write ? 0 : MDB_RDONLY, mt);
	}
	return rc;
}

static void unlock_writer(zt_store *st)
{
	if (st->lockfd >= 0)
		flock(st->lockfd, LOCK_UN);
	pthread_mutex_unlock(&st->wlock);
}

zt_status zt_txn_begin(zt_store *st, int write, zt_txn **out, zt_error *err)
{
	*out = NULL;
	if (write && (st->flags & ZT_OPEN_RDONLY))
		return zt_fail(err, ZT_ERR_READONLY, "%s: the database was opened read-only", st->path);
	zt_txn *t = calloc(1, sizeof *t);
	if (!t)
		return zt_fail(err, ZT_ERR_NOMEM, "out of memory");
	t->st = st;
	t->write = write;
	if (write) {
		int nowait = (st->flags & ZT_OPEN_NOWAIT) != 0;
		if (nowait ? pthread_mutex_trylock(&st->wlock) != 0 : pthread_mutex_lock(&st->wlock) != 0) {
			free(t);
			return zt_fail(err, ZT_ERR_BUSY, "%s: another writer is using the database; "
			               "try again when it has finished", st->path);
		}
		while (flock(st->lockfd, LOCK_EX | (nowait ? LOCK_NB : 0)) != 0) {
			if (errno == EINTR)
				continue;
			int e = errno;
			pthread_mutex_unlock(&st->wlock);
			free(t);
			if (e == EWOULDBLOCK)
				return zt_fail(err, ZT_ERR_BUSY, "%s: another process is writing to the "
				               "database; try again when it has finished", st->path);
			return zt_fail(err, ZT_ERR_IO, "%s/writer.lock: %s", st->path, strerror(e));
		}
		/* Keep head room: grow before the map is three quarters full,
		 * while it is cheap (no transaction of ours is open). */
		if (active_count(st) == 0) {
			size_t map = cur_map(st->env);
			if (used_bytes(st->env) > map / 4 * 3)
				grow_map(st);
		}
	}
	active_add(st, 1);
	int rc = begin_mdb(st, write, &t->mt);
	if (rc != 0) {
		active_add(st, -1);
		if (write)
			unlock_writer(st);
		free(t);
		return zt_fail(err, ZT_ERR_STORE, "%s: cannot begin a transaction: %s", st->path,
		               mdb_strerror(rc));
	}
	load_meta(t);
	*out = t;
	return ZT_OK;
}

static void txn_free(zt_txn *t)
{
	zt__iter_detach_all(t);
	zt_arena_free(&t->arena);
	free(t->deltas);
	/* A write that filled the map: grow it now, while the writer lock
	 * is still held, so that running the operation again has room.  Not
	 * possible while another transaction of this process is open. */
	if (t->write && t->mapfull && active_count(t->st) == 1)
		grow_map(t->st);
	if (t->write)
		unlock_writer(t->st);
	active_add(t->st, -1);
	free(t);
}

void zt_txn_abort(zt_txn *t)
{
	if (!t)
		return;
	zt__iter_detach_all(t);
	if (t->mt)
		mdb_txn_abort(t->mt);
	t->mt = NULL;
	txn_free(t);
}

zt_status zt__after_write(zt_txn *t, zt_status st)
{
	if (st >= ZT_ERR_FIRST) {
		t->broken = 1;
		if (!t->last_err[0])
			snprintf(t->last_err, sizeof t->last_err, "%s", zt_strerror(st));
	}
	return st;
}

static zt_status write_meta(zt_txn *t)
{
	if (!t->meta_dirty)
		return ZT_OK;
	unsigned char v[8];
	zt_put64(v, t->next);
	MDB_val k = zt_val("next", 4), d = zt_val(v, 8);
	int rc = mdb_put(t->mt, t->st->dbi[DB_META], &k, &d, 0);
	if (rc == 0) {
		zt_put64(v, t->maxspan);
		k = zt_val("maxspan", 7);
		rc = mdb_put(t->mt, t->st->dbi[DB_META], &k, &d, 0);
	}
	if (rc == 0) {
		zt_put64(v, t->multi);
		k = zt_val("multi", 5);
		rc = mdb_put(t->mt, t->st->dbi[DB_META], &k, &d, 0);
	}
	if (rc != 0)
		return zt__mdb(t, rc, "writing the database header");
	return ZT_OK;
}

/* The message for a transaction that filled the map. */
static zt_status map_full(zt_txn *t, zt_error *err)
{
	return zt_fail(err, ZT_ERR_LIMIT, "%s: the database map (%zu MiB) is full; it is grown "
	               "when this transaction ends: run the operation again", t->st->path,
	               t->st->map_size >> 20);
}

zt_status zt_txn_commit(zt_txn *t, zt_error *err)
{
	if (!t->write) {
		zt__iter_detach_all(t);
		int rc = mdb_txn_commit(t->mt);
		t->mt = NULL;
		txn_free(t);
		return rc == 0 ? ZT_OK : zt_fail(err, ZT_ERR_STORE, "commit: %s", mdb_strerror(rc));
	}
	zt_status st = ZT_OK;
	if (t->broken) {
		st = t->mapfull ? map_full(t, err)
		     : zt_fail(err, ZT_ERR_STORE, "%s: the transaction failed earlier (%s); nothing "
		               "was written", t->st->path, t->last_err[0] ? t->last_err : "unknown error");
		zt_txn_abort(t);
		return st;
	}
	st = zt__flush_deltas(t);
	if (st == ZT_OK)
		st = write_meta(t);
	if (st != ZT_OK) {
		if (t->mapfull)
			map_full(t, err);
		else
			zt_fail(err, st, "%s: %s", t->st->path, t->last_err[0] ? t->last_err : zt_strerror(st));
		zt_txn_abort(t);
		return st;
	}
	zt__iter_detach_all(t);
	int rc = mdb_txn_commit(t->mt);
	t->mt = NULL;   /* committed or, on failure, aborted by LMDB */
	if (rc == 0) {
		txn_free(t);
		return ZT_OK;
	}
	if (rc == MDB_MAP_FULL) {
		t->mapfull = 1;
		st = map_full(t, err);
	} else {
		st = zt_fail(err, rc == ENOSPC || rc == EIO ? ZT_ERR_IO : ZT_ERR_STORE,
		             "%s: commit failed: %s", t->st->path, mdb_strerror(rc));
	}
	txn_free(t);
	return st;
}

int zt_txn_map_full(const zt_txn *txn)
{
	return txn && txn->mapfull;
}

/* The number of times zt_store_write runs an operation before it gives
 * up: each run doubles the map, so this is far beyond any disk. */
#define WRITE_ATTEMPTS 24

zt_status zt_store_write(zt_store *st, zt_write_fn fn, void *ctx, zt_error *err)
{
	zt_status s = ZT_OK;
	for (int attempt = 0; attempt < WRITE_ATTEMPTS; attempt++) {
		zt_txn *t;
		if (err)
			zt_error_clear(err);
		ZT_TRY(s, zt_txn_begin(st, 1, &t, err));
		s = fn(t, ctx, err);
		int full = t->mapfull;
		if (s == ZT_OK && !full) {
			s = zt_txn_commit(t, err);
			if (s == ZT_ERR_LIMIT && active_count(st) == 0)
				continue;    /* the commit filled the map: it has grown */
			return s;
		}
		zt_txn_abort(t);    /* grows the map when it was full */
		if (!full)
			return s == ZT_DONE ? ZT_OK : s;
		if (active_count(st) > 0)
			return zt_fail(err, ZT_ERR_LIMIT, "%s: the database map is full and cannot grow "
			               "while other transactions of this process are open", st->path);
	}
	return zt_fail(err, ZT_ERR_LIMIT, "%s: the database map could not be grown enough "
	               "(%zu MiB); is the disk or the address space full?", st->path,
	               st->map_size >> 20);
}

/* ------------------------------------------------------------- arena */

struct zt_arena_chunk {
	zt_arena_chunk *next;
	size_t used, cap;
	max_align_t data[];
};

void *zt_arena_alloc(zt_arena *a, size_t n)
{
	n = (n + 15) & ~(size_t)15;
	zt_arena_chunk *c = a->head;
	if (!c || c->cap - c->used < n) {
		size_t cap = n > 65536 ? n : 65536;
		c = malloc(sizeof *c + cap);
		if (!c)
			return NULL;
		c->cap = cap;
		c->used = 0;
		c->next = a->head;
		a->head = c;
	}
	void *p = (char *)c->data + c->used;
	c->used += n;
	return p;
}

void zt_arena_free(zt_arena *a)
{
	zt_arena_chunk *c = a->head;
	while (c) {
		zt_arena_chunk *n = c->next;
		free(c);
		c = n;
	}
	a->head = NULL;
}
