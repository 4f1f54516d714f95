/* byline-file-state.c
 * Copyright 2026 The Byline Authors
 *
 * This program is free software: you can redistribute it and/or modify
 * it under the terms of the GNU General Public License as published by
 * the Free Software Foundation, either version 3 of the License, or
 * (at your option) any later version.
 *
 * This program is distributed in the hope that it will be useful,
 * but WITHOUT ANY WARRANTY; without even the implied warranty of
 * MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the
 * GNU General Public License for more details.
 *
 * You should have received a copy of the GNU General Public License
 * along with this program.  If not, see <http://www.gnu.org/licenses/>.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */


#define G_LOG_DOMAIN "byline-file-state"

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>

#include "byline-file-state.h"

/*
 * Small per-file preferences that belong to the writer's session with a file rather than to
 * the article, such as its spell-checking language: kept out of the file itself (they are not
 * part of what is published) in a key file under $XDG_STATE_HOME, one group per file URI.
 * Only the most recently stored files are kept, so the key file stays small.
 */

#define MAX_FILES 500
#define STAMP_KEY "stored-at"

static char *
state_path (void)
{
  return g_build_filename (g_get_user_state_dir (), BASE_ID, "files.ini", NULL);
}

static GKeyFile *
load_state (void)
{
  g_autofree char *path = state_path ();
  GKeyFile *keyfile = g_key_file_new ();

  /* A missing or damaged file is an empty state: these are conveniences, not data. */
  g_key_file_load_from_file (keyfile, path, G_KEY_FILE_KEEP_COMMENTS, NULL);

  return keyfile;
}

/**
 * byline_file_state_lookup:
 * @file: a file
 * @key: what to look up
 *
 * Returns: (transfer full) (nullable): the value stored for @file, or %NULL
 */
char *
byline_file_state_lookup (GFile      *file,
                          const char *key)
{
  g_autoptr(GKeyFile) keyfile = NULL;
  g_autofree char *uri = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  keyfile = load_state ();
  uri = g_file_get_uri (file);

  return g_key_file_get_string (keyfile, uri, key, NULL);
}

/* Drops the files stored longest ago beyond MAX_FILES. */
static void
trim_state (GKeyFile *keyfile)
{
  g_auto(GStrv) groups = g_key_file_get_groups (keyfile, NULL);
  guint n = g_strv_length (groups);

  while (n > MAX_FILES)
    {
      const char *oldest = NULL;
      gint64 oldest_stamp = G_MAXINT64;

      for (guint i = 0; groups[i] != NULL; i++)
        {
          gint64 stamp;

          if (!g_key_file_has_group (keyfile, groups[i]))
            continue;
          stamp = g_key_file_get_int64 (keyfile, groups[i], STAMP_KEY, NULL);
          if (stamp < oldest_stamp)
            {
              oldest_stamp = stamp;
              oldest = groups[i];
            }
        }
      g_key_file_remove_group (keyfile, oldest, NULL);
      n--;
    }
}

/**
 * byline_file_state_store:
 * @file: a file
 * @key: what to store
 * @value: (nullable): the value, or %NULL to forget it
 * @error: return location for an error
 *
 * Stores @value for @file. The key file is replaced atomically.
 *
 * Returns: whether it was written
 */
gboolean
byline_file_state_store (GFile       *file,
                         const char  *key,
                         const char  *value,
                         GError     **error)
{
  g_autoptr(GKeyFile) keyfile = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *path = state_path ();
  g_autofree char *dir = NULL;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  keyfile = load_state ();
  uri = g_file_get_uri (file);

  if (value != NULL)
    {
      g_key_file_set_string (keyfile, uri, key, value);
      g_key_file_set_int64 (keyfile, uri, STAMP_KEY, g_get_real_time ());
    }
  else
    g_key_file_remove_key (keyfile, uri, key, NULL);

  trim_state (keyfile);

  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   "Could not create %s: %s", dir, g_strerror (saved_errno));
      return FALSE;
    }

  return g_key_file_save_to_file (keyfile, path, error);
}
