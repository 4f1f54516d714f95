/* fuzz-front-matter.c
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

/*
 * libFuzzer harness for the front-matter parser. Beyond not crashing, what the parser accepts
 * must survive a round trip: the serialized metadata parses again to the same values, and the
 * text with its block replaced parses too.
 */

#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "byline-front-matter.h"
#include "byline-metadata-private.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

/* abort(), not g_error(): libFuzzer saves the input on SIGABRT. */
#define fail(...) G_STMT_START { g_printerr (__VA_ARGS__); g_printerr ("\n"); abort (); } G_STMT_END

static gboolean
is_null_text (const char *s)
{
  return s[0] == 0 || strcmp (s, "~") == 0 || strcmp (s, "null") == 0 ||
         strcmp (s, "Null") == 0 || strcmp (s, "NULL") == 0;
}

/* Scalars that mean the same, written the same. The style of a tagged scalar, or of a string,
 * does not change its meaning: a string is quoted, block, or plain and not taken for another
 * type (libyaml's emitter quotes some plain scalars its parser accepts, "a:b" in a flow
 * collection or "---"). A null reads as a null however it is spelt; the writer spells an
 * empty one "~" where libyaml would quote it. */
static void
unify_scalars (BylineYamlNode *node)
{
  /* The non-specific tag "!" is written as quotes on a scalar, left out on a collection. */
  if (node->tag != NULL && strcmp (node->tag, "!") == 0)
    {
      g_clear_pointer (&node->tag, g_free);
      if (node->kind == BYLINE_YAML_SCALAR)
        node->style = YAML_DOUBLE_QUOTED_SCALAR_STYLE;
    }

  if (node->kind == BYLINE_YAML_SCALAR && node->style == YAML_PLAIN_SCALAR_STYLE &&
      (node->tag == NULL || strcmp (node->tag, "tag:yaml.org,2002:null") == 0) &&
      is_null_text (node->value))
    {
      g_free (node->value);
      node->value = g_strdup ("~");
      node->length = 1;
    }
  else if (node->kind == BYLINE_YAML_SCALAR &&
           (node->tag != NULL || node->style != YAML_PLAIN_SCALAR_STYLE ||
            _byline_yaml_scalar_is_plain_safe (node->value)))
    node->style = YAML_DOUBLE_QUOTED_SCALAR_STYLE;

  for (guint i = 0; node->children != NULL && i < node->children->len; i++)
    unify_scalars (g_ptr_array_index (node->children, i));
}

/* Equal values: unknown keys may differ in how their scalars are written. */
static gboolean
same_values (BylineMetadata *a,
             BylineMetadata *b)
{
  g_autoptr(BylineMetadata) a_copy = NULL;
  g_autoptr(BylineMetadata) b_copy = NULL;
  GPtrArray *extra;

  if (byline_metadata_equal (a, b))
    return TRUE;

  a_copy = byline_metadata_copy (a);
  b_copy = byline_metadata_copy (b);
  extra = _byline_metadata_get_extra (a_copy);
  for (guint i = 0; i < extra->len; i++)
    unify_scalars (g_ptr_array_index (extra, i));
  extra = _byline_metadata_get_extra (b_copy);
  for (guint i = 0; i < extra->len; i++)
    unify_scalars (g_ptr_array_index (extra, i));

  return byline_metadata_equal (a_copy, b_copy);
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(BylineMetadata) metadata = NULL;
  g_autoptr(BylineMetadata) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *block = NULL;
  g_autofree char *replaced = NULL;
  const char *text = (const char *)data;
  gsize block_end = 0;
  gsize body = 0;
  gsize body_again = 0;

  if (!byline_front_matter_find (text, size, &block_end))
    block_end = 0;
  g_assert_cmpuint (block_end, <=, size);

  metadata = byline_front_matter_parse (text, size, &body, &error);
  if (metadata == NULL)
    {
      g_assert_nonnull (error);
      return 0;
    }
  g_assert_cmpuint (body, <=, size);

  block = byline_front_matter_serialize (metadata);
  again = byline_front_matter_parse (block, strlen (block), &body_again, &error);
  if (again == NULL)
    fail ("The serialized front matter does not parse: %s\n%s", error->message, block);
  if (!same_values (metadata, again))
    fail ("The front matter changed in a round trip:\n%.*s\n--- written as:\n%s",
          (int)MIN (size, 4096), text, block);

  replaced = byline_front_matter_replace (text, size, metadata);
  g_clear_object (&again);
  /* The text may hold NUL bytes: its length is the new block's and the old body's. */
  again = byline_front_matter_parse (replaced, strlen (block) + size - block_end, &body_again, &error);
  if (again == NULL)
    fail ("The replaced front matter does not parse: %s", error->message);

  return 0;
}
