/* byline-tid.c
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

#define G_LOG_DOMAIN "byline-tid"

#include "config.h"

#include <string.h>

#include "byline-tid.h"

/* Sortable base32: the alphabet is in ASCII order, so TIDs sort like their timestamps. */
static const char alphabet[] = "234567abcdefghijklmnopqrstuvwxyz";

G_LOCK_DEFINE_STATIC (last_tid);
static gint64 last_timestamp;
static guint clock_id;
static gboolean clock_id_set;

static int
alphabet_index (char c)
{
  const char *p = strchr (alphabet, c);

  return c != '\0' && p != NULL ? (int)(p - alphabet) : -1;
}

/**
 * byline_tid_from_parts:
 * @timestamp_us: microseconds since 1970, below 2^53
 * @clock_id: a 10-bit clock identifier
 *
 * Encodes a timestamp and a clock identifier as a TID: 53 bits of time then 10 bits of
 * clock, written in 13 characters of sortable base32 with the top bit zero.
 *
 * Returns: (transfer full): the TID
 */
char *
byline_tid_from_parts (gint64 timestamp_us,
                       guint  clock_id_)
{
  guint64 value;
  char *tid;

  g_return_val_if_fail (timestamp_us >= 0, NULL);

  value = (((guint64)timestamp_us & ((G_GUINT64_CONSTANT (1) << 53) - 1)) << 10)
          | (clock_id_ & 0x3ff);
  tid = g_malloc (BYLINE_TID_LENGTH + 1);
  for (int i = BYLINE_TID_LENGTH - 1; i >= 0; i--)
    {
      tid[i] = alphabet[value & 0x1f];
      value >>= 5;
    }
  tid[BYLINE_TID_LENGTH] = '\0';

  return tid;
}

/**
 * byline_tid_next:
 *
 * Makes a new TID from the current time. TIDs from one process never repeat and never go
 * backwards, even when the wall clock does: the timestamp is at least one microsecond past
 * the previous one.
 *
 * Returns: (transfer full): the TID
 */
char *
byline_tid_next (void)
{
  gint64 now = g_get_real_time ();

  G_LOCK (last_tid);
  if (!clock_id_set)
    {
      clock_id = g_random_int_range (0, 1024);
      clock_id_set = TRUE;
    }
  if (now <= last_timestamp)
    now = last_timestamp + 1;
  last_timestamp = now;
  G_UNLOCK (last_tid);

  return byline_tid_from_parts (now, clock_id);
}

/**
 * byline_tid_is_valid:
 * @tid: (nullable): a string
 *
 * Returns: whether @tid is 13 characters of sortable base32 whose first character keeps the
 *   top bit clear, the syntax the AT Protocol requires of a TID record key
 */
gboolean
byline_tid_is_valid (const char *tid)
{
  if (tid == NULL || strlen (tid) != BYLINE_TID_LENGTH)
    return FALSE;
  if (strchr ("234567abcdefghij", tid[0]) == NULL)
    return FALSE;
  for (guint i = 0; i < BYLINE_TID_LENGTH; i++)
    if (alphabet_index (tid[i]) < 0)
      return FALSE;

  return TRUE;
}

/**
 * byline_tid_get_timestamp:
 * @tid: a valid TID
 *
 * Returns: the microseconds since 1970 that @tid encodes, or -1 if @tid is not a TID
 */
gint64
byline_tid_get_timestamp (const char *tid)
{
  guint64 value = 0;

  if (!byline_tid_is_valid (tid))
    return -1;
  for (guint i = 0; i < BYLINE_TID_LENGTH; i++)
    value = (value << 5) | (guint64)alphabet_index (tid[i]);

  return (gint64)(value >> 10);
}
