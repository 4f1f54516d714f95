/* test-tid.c
 *
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

#include "config.h"

#include "byline-tid.h"

/* 2023-01-01T00:00:00Z with clock id 0, cross-checked with a Python encoder. */
static void
test_encoding (void)
{
  g_autofree char *zero = byline_tid_from_parts (0, 0);
  g_autofree char *known = byline_tid_from_parts (G_GINT64_CONSTANT (1672531200000000), 0);
  g_autofree char *max_clock = byline_tid_from_parts (0, 1023);

  g_assert_cmpstr (zero, ==, "2222222222222");
  g_assert_cmpstr (max_clock, ==, "22222222222zz");
  g_assert_true (byline_tid_is_valid (known));
  g_assert_cmpint (byline_tid_get_timestamp (known), ==, G_GINT64_CONSTANT (1672531200000000));
  g_assert_cmpstr (known, ==, "3jl7442uk2222");
}

static void
test_validity (void)
{
  g_assert_true (byline_tid_is_valid ("3jzfcijpj2z2a"));
  g_assert_false (byline_tid_is_valid (NULL));
  g_assert_false (byline_tid_is_valid (""));
  g_assert_false (byline_tid_is_valid ("3jzfcijpj2z2"));
  g_assert_false (byline_tid_is_valid ("3jzfcijpj2z2aa"));
  g_assert_false (byline_tid_is_valid ("kjzfcijpj2z2a"));  /* top bit set */
  g_assert_false (byline_tid_is_valid ("3jzfcijpj2z21"));  /* 1 is not in the alphabet */
  g_assert_false (byline_tid_is_valid ("3JZFCIJPJ2Z2A"));
  g_assert_cmpint (byline_tid_get_timestamp ("nope"), ==, -1);
}

/* Many TIDs in a row are distinct and strictly increasing, as strings too. */
static void
test_monotonic (void)
{
  g_autofree char *previous = byline_tid_next ();
  gint64 now = g_get_real_time ();

  g_assert_true (byline_tid_is_valid (previous));
  g_assert_cmpint (ABS (byline_tid_get_timestamp (previous) - now), <, 60 * G_USEC_PER_SEC);
  for (guint i = 0; i < 10000; i++)
    {
      g_autofree char *next = byline_tid_next ();

      g_assert_true (byline_tid_is_valid (next));
      g_assert_cmpstr (previous, <, next);
      g_assert_cmpint (byline_tid_get_timestamp (previous), <, byline_tid_get_timestamp (next));
      g_free (previous);
      previous = g_steal_pointer (&next);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Byline/Tid/encoding", test_encoding);
  g_test_add_func ("/Byline/Tid/validity", test_validity);
  g_test_add_func ("/Byline/Tid/monotonic", test_monotonic);

  return g_test_run ();
}
