/* test-publish-time.c
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

/* The times a publish conflict shows: the record's ISO 8601 timestamps, in the writer's own
 * time zone and in words. The local zone is Europe/Berlin here (set before GLib reads it),
 * so winter, summer and a new year's eve each move the clock differently. */

#include "config.h"

#include "byline-publisher.h"

static void
check_local (const char *iso8601,
             const char *expected)
{
  g_autofree char *shown = byline_publisher_format_time (iso8601, NULL);

  g_assert_cmpstr (shown, ==, expected);
}

static void
test_local_time_zone (void)
{
  /* Central European Time in winter, one hour ahead of UTC. */
  check_local ("2026-11-28T13:03:00.000Z", "28 November 2026, 14:03");
  /* Summer time, two hours ahead; the day has no leading zero. */
  check_local ("2026-07-01T08:05:00Z", "1 July 2026, 10:05");
  /* The last half hour of the year in UTC is already the next year in Berlin. */
  check_local ("2026-12-31T23:30:00.000Z", "1 January 2027, 00:30");
  /* A timestamp with its own offset is moved to the local zone too. */
  check_local ("2026-03-05T20:30:00+05:00", "5 March 2026, 16:30");
}

static void
test_given_time_zone (void)
{
  g_autoptr(GTimeZone) tokyo = g_time_zone_new_identifier ("Asia/Tokyo");
  g_autoptr(GTimeZone) offset = g_time_zone_new_identifier ("-03:30");
  g_autofree char *in_tokyo = NULL;
  g_autofree char *in_offset = NULL;

  g_assert_nonnull (tokyo);
  g_assert_nonnull (offset);
  in_tokyo = byline_publisher_format_time ("2026-11-28T13:03:00.000Z", tokyo);
  in_offset = byline_publisher_format_time ("2026-11-28T13:03:00.000Z", offset);
  g_assert_cmpstr (in_tokyo, ==, "28 November 2026, 22:03");
  g_assert_cmpstr (in_offset, ==, "28 November 2026, 09:33");
}

static void
test_not_a_time (void)
{
  g_autofree char *words = byline_publisher_format_time ("last Tuesday", NULL);
  g_autofree char *date_only = byline_publisher_format_time ("2026-11-28", NULL);
  g_autofree char *none = byline_publisher_format_time (NULL, NULL);

  g_assert_null (words);
  g_assert_null (date_only);
  g_assert_null (none);
}

int
main (int   argc,
      char *argv[])
{
  /* Before anything asks GLib for the local time zone; the C locale names months in English. */
  g_setenv ("TZ", "Europe/Berlin", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Byline/PublishTime/local-time-zone", test_local_time_zone);
  g_test_add_func ("/Byline/PublishTime/given-time-zone", test_given_time_zone);
  g_test_add_func ("/Byline/PublishTime/not-a-time", test_not_a_time);

  return g_test_run ();
}
