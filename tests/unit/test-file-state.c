/* test-file-state.c
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


/* Per-file preferences kept beside the session, not in the article. */

#include "config.h"

#include "byline-file-state.h"

static void
test_store_and_lookup (void)
{
  g_autoptr(GFile) a = g_file_new_for_path ("/tmp/articles/a.md");
  g_autoptr(GFile) b = g_file_new_for_path ("/tmp/articles/b b.md");
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;

  g_assert_null (byline_file_state_lookup (a, "spelling-language"));

  g_assert_true (byline_file_state_store (a, "spelling-language", "fr_FR", &error));
  g_assert_no_error (error);
  g_assert_true (byline_file_state_store (b, "spelling-language", "de_DE", &error));
  g_assert_no_error (error);

  value = byline_file_state_lookup (a, "spelling-language");
  g_assert_cmpstr (value, ==, "fr_FR");
  g_free (value);
  value = byline_file_state_lookup (b, "spelling-language");
  g_assert_cmpstr (value, ==, "de_DE");
  g_clear_pointer (&value, g_free);

  /* Forgetting one leaves the other. */
  g_assert_true (byline_file_state_store (a, "spelling-language", NULL, &error));
  g_assert_null (byline_file_state_lookup (a, "spelling-language"));
  value = byline_file_state_lookup (b, "spelling-language");
  g_assert_cmpstr (value, ==, "de_DE");
}

static void
test_stays_small (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) first = g_file_new_for_path ("/tmp/many/0.md");
  g_autoptr(GFile) last = g_file_new_for_path ("/tmp/many/599.md");
  g_autofree char *value = NULL;

  for (guint i = 0; i < 600; i++)
    {
      g_autofree char *path = g_strdup_printf ("/tmp/many/%u.md", i);
      g_autoptr(GFile) file = g_file_new_for_path (path);

      g_assert_true (byline_file_state_store (file, "spelling-language", "en_GB", &error));
      g_assert_no_error (error);
    }

  /* The files stored longest ago are dropped first. */
  g_assert_null (byline_file_state_lookup (first, "spelling-language"));
  value = byline_file_state_lookup (last, "spelling-language");
  g_assert_cmpstr (value, ==, "en_GB");
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *state = g_dir_make_tmp ("byline-state-XXXXXX", NULL);

  g_setenv ("XDG_STATE_HOME", state, TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Byline/FileState/store-and-lookup", test_store_and_lookup);
  g_test_add_func ("/Byline/FileState/stays-small", test_stays_small);

  return g_test_run ();
}
