/* byline-record-diff.c
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


#define G_LOG_DOMAIN "byline-record-diff"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "byline-json.h"
#include "byline-publisher.h"
#include "byline-record.h"
#include "byline-record-diff.h"

/*
 * What differs between this article's record and the version published elsewhere, for the
 * writer who must choose one: which fields, and how many words of the text each side has that
 * the other has not (a word-level longest common subsequence).
 */

/* Past this many cells (words of one middle times words of the other), the count of words
 * each side has more of stands in for the longest common subsequence: the same figure when
 * words were only added or removed, and an upper bound when they moved. */
#define MAX_LCS_CELLS (8 * 1000 * 1000)

/* Numbers each word of @text, the same word getting the same number in every text split with
 * the same @ids. */
static GArray *
split_words (const char *text,
             GHashTable *ids)
{
  GArray *words = g_array_new (FALSE, FALSE, sizeof (guint));
  const char *p = text ? text : "";

  while (*p != '\0')
    {
      const char *start;
      g_autofree char *word = NULL;
      gpointer id;
      guint number;

      while (*p != '\0' && g_unichar_isspace (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      if (*p == '\0')
        break;

      start = p;
      while (*p != '\0' && !g_unichar_isspace (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);

      word = g_strndup (start, p - start);
      if (!g_hash_table_lookup_extended (ids, word, NULL, &id))
        {
          id = GUINT_TO_POINTER (g_hash_table_size (ids) + 1);
          g_hash_table_insert (ids, g_steal_pointer (&word), id);
        }
      number = GPOINTER_TO_UINT (id);
      g_array_append_val (words, number);
    }

  return words;
}

static guint
bag_common (const guint *a,
            guint        n_a,
            const guint *b,
            guint        n_b)
{
  g_autoptr(GHashTable) counts = g_hash_table_new (NULL, NULL);
  guint common = 0;

  for (guint i = 0; i < n_a; i++)
    {
      gpointer key = GUINT_TO_POINTER (a[i]);
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, key));

      g_hash_table_insert (counts, key, GUINT_TO_POINTER (n + 1));
    }

  for (guint i = 0; i < n_b; i++)
    {
      gpointer key = GUINT_TO_POINTER (b[i]);
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, key));

      if (n > 0)
        {
          common++;
          g_hash_table_insert (counts, key, GUINT_TO_POINTER (n - 1));
        }
    }

  return common;
}

/* The length of the longest common subsequence, two rows at a time. */
static guint
lcs_length (const guint *a,
            guint        n_a,
            const guint *b,
            guint        n_b)
{
  g_autofree guint *previous = NULL;
  g_autofree guint *current = NULL;

  if (n_a == 0 || n_b == 0)
    return 0;

  if ((guint64) n_a * n_b > MAX_LCS_CELLS)
    return bag_common (a, n_a, b, n_b);

  previous = g_new0 (guint, n_b + 1);
  current = g_new0 (guint, n_b + 1);

  for (guint i = 1; i <= n_a; i++)
    {
      guint *swap;

      for (guint j = 1; j <= n_b; j++)
        current[j] = a[i - 1] == b[j - 1] ? previous[j - 1] + 1
                                          : MAX (previous[j], current[j - 1]);
      swap = previous;
      previous = current;
      current = swap;
    }

  return previous[n_b];
}

/**
 * byline_word_diff_count:
 * @before: (nullable): a text
 * @after: (nullable): another version of it
 * @added: (out): how many words @after has that @before has not
 * @removed: (out): how many words of @before are gone from @after
 *
 * Counts the words changed between two texts, words being runs of characters between
 * spaces: a changed word counts as one removed and one added.
 */
void
byline_word_diff_count (const char *before,
                        const char *after,
                        guint      *added,
                        guint      *removed)
{
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GArray) a = split_words (before, ids);
  g_autoptr(GArray) b = split_words (after, ids);
  const guint *wa = (const guint *) a->data;
  const guint *wb = (const guint *) b->data;
  guint start = 0;
  guint end_a = a->len;
  guint end_b = b->len;
  guint common;

  g_return_if_fail (added != NULL);
  g_return_if_fail (removed != NULL);

  /* Edits are mostly in one place: what is the same at both ends needs no table. */
  while (start < end_a && start < end_b && wa[start] == wb[start])
    start++;
  while (end_a > start && end_b > start && wa[end_a - 1] == wb[end_b - 1])
    {
      end_a--;
      end_b--;
    }

  /* An empty text has no words, and no array behind them to point into. */
  if (start == end_a || start == end_b)
    common = 0;
  else
    common = lcs_length (wa + start, end_a - start, wb + start, end_b - start);
  *removed = end_a - start - common;
  *added = end_b - start - common;
}

/**
 * byline_record_dup_markdown:
 * @record: a `site.standard.document` record
 *
 * Returns: (transfer full): its Markdown text, or its plain `textContent` when it has no
 *   Markdown content; an empty string when it has neither
 */
char *
byline_record_dup_markdown (JsonObject *record)
{
  JsonNode *content;
  const char *text;

  g_return_val_if_fail (record != NULL, NULL);

  content = json_object_get_member (record, "content");
  if (content != NULL && JSON_NODE_HOLDS_OBJECT (content))
    {
      JsonObject *holder;
      const char *member;

      if (_byline_record_find_markdown (json_node_get_object (content), &holder, &member))
        return g_strdup (byline_json_object_get_string (holder, member));
    }

  text = byline_json_object_get_string (record, "textContent");

  return g_strdup (text ? text : "");
}

static gboolean
strings_differ (JsonObject *ours,
                JsonObject *theirs,
                const char *member)
{
  const char *a = byline_json_object_get_string (ours, member);
  const char *b = byline_json_object_get_string (theirs, member);

  /* A missing member and an empty one say the same. */
  return g_strcmp0 (a && *a ? a : NULL, b && *b ? b : NULL) != 0;
}

/* Timestamps are compared as times: "…00Z" and "…00.000Z" are the same moment. */
static gboolean
times_differ (const char *a,
              const char *b)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) ta = a ? g_date_time_new_from_iso8601 (a, utc) : NULL;
  g_autoptr(GDateTime) tb = b ? g_date_time_new_from_iso8601 (b, utc) : NULL;

  if (ta != NULL && tb != NULL)
    return !g_date_time_equal (ta, tb);

  return g_strcmp0 (a, b) != 0;
}

static gboolean
tags_differ (JsonObject *ours,
             JsonObject *theirs)
{
  JsonNode *a = json_object_get_member (ours, "tags");
  JsonNode *b = json_object_get_member (theirs, "tags");
  JsonArray *tags_a = a != NULL && JSON_NODE_HOLDS_ARRAY (a) ? json_node_get_array (a) : NULL;
  JsonArray *tags_b = b != NULL && JSON_NODE_HOLDS_ARRAY (b) ? json_node_get_array (b) : NULL;
  guint n_a = tags_a ? json_array_get_length (tags_a) : 0;
  guint n_b = tags_b ? json_array_get_length (tags_b) : 0;

  if (n_a != n_b)
    return TRUE;

  for (guint i = 0; i < n_a; i++)
    {
      JsonNode *ta = json_array_get_element (tags_a, i);
      JsonNode *tb = json_array_get_element (tags_b, i);

      if (!json_node_equal (ta, tb))
        return TRUE;
    }

  return FALSE;
}

/* A blob is the same image when its CID is. */
static const char *
cover_cid (JsonObject *record)
{
  JsonNode *cover = json_object_get_member (record, "coverImage");
  JsonNode *ref;

  if (cover == NULL || !JSON_NODE_HOLDS_OBJECT (cover))
    return NULL;

  ref = json_object_get_member (json_node_get_object (cover), "ref");
  if (ref == NULL || !JSON_NODE_HOLDS_OBJECT (ref))
    return "";

  return byline_json_object_get_string (json_node_get_object (ref), "$link") ?: "";
}

/**
 * byline_record_diff:
 * @ours: the record this article would publish
 * @theirs: the record as it is published
 * @last_published: (nullable): when this article last published, the time @theirs'
 *   `updatedAt` is compared with (@ours has the time of the publish being tried)
 *
 * Returns: which fields differ
 */
BylineRecordChange
byline_record_diff (JsonObject *ours,
                    JsonObject *theirs,
                    const char *last_published)
{
  static const struct { const char *member; BylineRecordChange change; } strings[] = {
    { "title", BYLINE_RECORD_CHANGE_TITLE },
    { "description", BYLINE_RECORD_CHANGE_DESCRIPTION },
    { "site", BYLINE_RECORD_CHANGE_SITE },
    { "path", BYLINE_RECORD_CHANGE_PATH },
  };
  BylineRecordChange changes = BYLINE_RECORD_CHANGE_NONE;
  g_autofree char *our_text = NULL;
  g_autofree char *their_text = NULL;
  const char *their_updated;

  g_return_val_if_fail (ours != NULL, BYLINE_RECORD_CHANGE_NONE);
  g_return_val_if_fail (theirs != NULL, BYLINE_RECORD_CHANGE_NONE);

  for (guint i = 0; i < G_N_ELEMENTS (strings); i++)
    if (strings_differ (ours, theirs, strings[i].member))
      changes |= strings[i].change;

  if (tags_differ (ours, theirs))
    changes |= BYLINE_RECORD_CHANGE_TAGS;
  if (g_strcmp0 (cover_cid (ours), cover_cid (theirs)) != 0)
    changes |= BYLINE_RECORD_CHANGE_COVER;
  if (times_differ (byline_json_object_get_string (ours, "publishedAt"),
                    byline_json_object_get_string (theirs, "publishedAt")))
    changes |= BYLINE_RECORD_CHANGE_PUBLISHED_AT;

  their_updated = byline_json_object_get_string (theirs, "updatedAt");
  if (their_updated != NULL && times_differ (last_published, their_updated))
    changes |= BYLINE_RECORD_CHANGE_UPDATED_AT;

  our_text = byline_record_dup_markdown (ours);
  their_text = byline_record_dup_markdown (theirs);
  if (!g_str_equal (our_text, their_text))
    changes |= BYLINE_RECORD_CHANGE_TEXT;

  return changes;
}

static void
append_quoted_value (GString    *out,
                     const char *label,
                     const char *value)
{
  if (value != NULL && *value != '\0')
    /* Translators: a field of the record and its published value, as in
     * “Title: “Night Trains”” */
    g_string_append_printf (out, _("• %s: “%s”\n"), label, value);
  else
    /* Translators: a field of the record that the published version does not have */
    g_string_append_printf (out, _("• %s: none\n"), label);
}

static char *
format_time (const char *iso8601)
{
  char *formatted = byline_publisher_format_time (iso8601, NULL);

  if (formatted != NULL)
    return formatted;

  return g_strdup (iso8601 ? iso8601 : _("an unknown time"));
}

/**
 * byline_record_diff_describe:
 * @ours: the record this article would publish
 * @theirs: the record as it is published
 * @last_published: (nullable): when this article last published
 *
 * Says in words what the published version has that this article has not: the fields, with
 * their published values, and how many words of the text were added and removed there.
 *
 * Returns: (transfer full): lines for the writer to read
 */
char *
byline_record_diff_describe (JsonObject *ours,
                             JsonObject *theirs,
                             const char *last_published)
{
  BylineRecordChange changes;
  g_autoptr(GString) out = g_string_new (NULL);

  g_return_val_if_fail (ours != NULL, NULL);
  g_return_val_if_fail (theirs != NULL, NULL);

  changes = byline_record_diff (ours, theirs, last_published);

  if ((changes & ~BYLINE_RECORD_CHANGE_UPDATED_AT) == 0)
    g_string_append (out, _("The published version has the same text and fields as this "
                            "article.\n"));
  else
    g_string_append (out, _("The published version differs from this article:\n"));

  if (changes & BYLINE_RECORD_CHANGE_TITLE)
    append_quoted_value (out, _("Title"), byline_json_object_get_string (theirs, "title"));
  if (changes & BYLINE_RECORD_CHANGE_DESCRIPTION)
    append_quoted_value (out, _("Description"),
                         byline_json_object_get_string (theirs, "description"));
  if (changes & BYLINE_RECORD_CHANGE_SITE)
    append_quoted_value (out, _("Site"), byline_json_object_get_string (theirs, "site"));
  if (changes & BYLINE_RECORD_CHANGE_PATH)
    append_quoted_value (out, _("Path"), byline_json_object_get_string (theirs, "path"));
  if (changes & BYLINE_RECORD_CHANGE_TAGS)
    {
      JsonNode *node = json_object_get_member (theirs, "tags");
      g_autoptr(GString) tags = g_string_new (NULL);

      for (guint i = 0; node != NULL && JSON_NODE_HOLDS_ARRAY (node) &&
                        i < json_array_get_length (json_node_get_array (node)); i++)
        {
          const char *tag = json_array_get_string_element (json_node_get_array (node), i);

          if (tag == NULL)
            continue;
          if (tags->len > 0)
            g_string_append (tags, ", ");
          g_string_append (tags, tag);
        }
      append_quoted_value (out, _("Tags"), tags->str);
    }
  if (changes & BYLINE_RECORD_CHANGE_COVER)
    g_string_append (out, cover_cid (theirs) != NULL ? _("• Cover image: another image\n")
                                                     : _("• Cover image: none\n"));
  if (changes & BYLINE_RECORD_CHANGE_PUBLISHED_AT)
    {
      g_autofree char *shown = format_time (byline_json_object_get_string (theirs, "publishedAt"));

      g_string_append_printf (out, _("• Published: %s\n"), shown);
    }
  if (changes & BYLINE_RECORD_CHANGE_TEXT)
    {
      g_autofree char *our_text = byline_record_dup_markdown (ours);
      g_autofree char *their_text = byline_record_dup_markdown (theirs);
      g_autofree char *added_words = NULL;
      g_autofree char *removed_words = NULL;
      guint added, removed;

      byline_word_diff_count (our_text, their_text, &added, &removed);
      added_words = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u word added",
                                                  "%u words added", added), added);
      removed_words = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u removed",
                                                    "%u removed", removed), removed);
      /* Translators: how the published text differs, as in “Text: 12 words added, 3 removed” */
      g_string_append_printf (out, _("• Text: %s, %s\n"), added_words, removed_words);
    }
  if (changes & BYLINE_RECORD_CHANGE_UPDATED_AT)
    {
      g_autofree char *theirs_shown = format_time (byline_json_object_get_string (theirs,
                                                                                  "updatedAt"));
      g_autofree char *ours_shown = format_time (last_published);

      /* Its own word only: the record says when it was updated, the server does not. */
      g_string_append_printf (out, _("The published version says it was updated %s; this "
                                     "article last published it %s.\n"),
                              theirs_shown, ours_shown);
    }

  if (out->len > 0 && out->str[out->len - 1] == '\n')
    g_string_truncate (out, out->len - 1);

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* A word of a text, with where it is. */
typedef struct
{
  guint id;
  guint start;
  guint end;
} Word;

static GArray *
split_word_spans (const char *text,
                  GHashTable *ids)
{
  GArray *words = g_array_new (FALSE, FALSE, sizeof (Word));
  const char *p = text;

  while (*p != '\0')
    {
      const char *start;
      g_autofree char *word = NULL;
      gpointer id;
      Word w;

      while (*p != '\0' && g_unichar_isspace (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      if (*p == '\0')
        break;

      start = p;
      while (*p != '\0' && !g_unichar_isspace (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);

      word = g_strndup (start, p - start);
      if (!g_hash_table_lookup_extended (ids, word, NULL, &id))
        {
          id = GUINT_TO_POINTER (g_hash_table_size (ids) + 1);
          g_hash_table_insert (ids, g_steal_pointer (&word), id);
        }
      w.id = GPOINTER_TO_UINT (id);
      w.start = start - text;
      w.end = p - text;
      g_array_append_val (words, w);
    }

  return words;
}

/* Past this many cells the middle of two texts is shown as removed, then added, whole. */
#define MAX_DIFF_CELLS (4 * 1000 * 1000)

typedef enum
{
  OP_SAME,
  OP_REMOVED,
  OP_ADDED,
} Op;

typedef struct
{
  Op    op;
  guint index;    /* into the words of before (OP_REMOVED) or after (OP_SAME, OP_ADDED) */
  guint other;    /* OP_SAME: the word of before */
} Step;

static void
diff_middle (const Word *a,
             guint       n_a,
             const Word *b,
             guint       n_b,
             guint       offset_a,
             guint       offset_b,
             GArray     *steps)
{
  g_autofree guint *table = NULL;
  g_autoptr(GArray) reversed = NULL;
  guint i, j;

  if ((guint64) (n_a + 1) * (n_b + 1) > MAX_DIFF_CELLS)
    {
      for (i = 0; i < n_a; i++)
        g_array_append_val (steps, ((Step) { OP_REMOVED, offset_a + i, 0 }));
      for (j = 0; j < n_b; j++)
        g_array_append_val (steps, ((Step) { OP_ADDED, offset_b + j, 0 }));
      return;
    }

  /* table[i][j]: the longest common subsequence of a[i…] and b[j…]. */
  table = g_new0 (guint, (gsize) (n_a + 1) * (n_b + 1));
#define CELL(x, y) table[(gsize) (x) * (n_b + 1) + (y)]
  for (i = n_a; i-- > 0;)
    for (j = n_b; j-- > 0;)
      CELL (i, j) = a[i].id == b[j].id ? CELL (i + 1, j + 1) + 1
                                       : MAX (CELL (i + 1, j), CELL (i, j + 1));

  /* Removals before additions, so that a replaced word reads old, then new. */
  i = j = 0;
  while (i < n_a || j < n_b)
    {
      if (i < n_a && j < n_b && a[i].id == b[j].id)
        {
          g_array_append_val (steps, ((Step) { OP_SAME, offset_b + j, offset_a + i }));
          i++;
          j++;
        }
      else if (i < n_a && (j == n_b || CELL (i + 1, j) >= CELL (i, j + 1)))
        {
          g_array_append_val (steps, ((Step) { OP_REMOVED, offset_a + i, 0 }));
          i++;
        }
      else
        {
          g_array_append_val (steps, ((Step) { OP_ADDED, offset_b + j, 0 }));
          j++;
        }
    }
#undef CELL
}

static void
add_chunk (GPtrArray          *chunks,
           BylineWordDiffKind  kind,
           const char         *text,
           gsize               length)
{
  BylineWordDiffChunk *last = chunks->len ? g_ptr_array_index (chunks, chunks->len - 1) : NULL;
  BylineWordDiffChunk *chunk;

  if (length == 0)
    return;
  if (last != NULL && last->kind == kind)
    {
      char *joined = g_strdup_printf ("%s%.*s", last->text, (int) length, text);

      g_free (last->text);
      last->text = joined;
      return;
    }

  chunk = g_new0 (BylineWordDiffChunk, 1);
  chunk->kind = kind;
  chunk->text = g_strndup (text, length);
  g_ptr_array_add (chunks, chunk);
}

/**
 * byline_word_diff_chunk_free:
 * @chunk: a chunk of a word diff
 */
void
byline_word_diff_chunk_free (BylineWordDiffChunk *chunk)
{
  if (chunk == NULL)
    return;
  g_free (chunk->text);
  g_free (chunk);
}

/**
 * byline_word_diff:
 * @before: (nullable): a text
 * @after: (nullable): another version of it
 *
 * Compares two texts word by word, words being runs of characters between spaces, as
 * byline_word_diff_count() counts them. The same and added chunks, put together, give
 * @after exactly; the removed chunks hold the words of @before that @after has not, with
 * the spaces between them. A change of spacing alone is no change.
 *
 * Returns: (transfer full) (element-type BylineWordDiffChunk): the chunks, in order
 */
GPtrArray *
byline_word_diff (const char *before,
                  const char *after)
{
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GPtrArray *chunks = g_ptr_array_new_with_free_func ((GDestroyNotify) byline_word_diff_chunk_free);
  g_autoptr(GArray) a = NULL;
  g_autoptr(GArray) b = NULL;
  g_autoptr(GArray) steps = g_array_new (FALSE, FALSE, sizeof (Step));
  const Word *wa, *wb;
  guint start = 0, end_a, end_b;
  gsize after_pos = 0;
  Op previous_after = OP_SAME;
  Op previous_before = OP_SAME;

  before = before ? before : "";
  after = after ? after : "";
  a = split_word_spans (before, ids);
  b = split_word_spans (after, ids);
  wa = (const Word *) a->data;
  wb = (const Word *) b->data;
  end_a = a->len;
  end_b = b->len;

  while (start < end_a && start < end_b && wa[start].id == wb[start].id)
    {
      g_array_append_val (steps, ((Step) { OP_SAME, start, start }));
      start++;
    }
  while (end_a > start && end_b > start && wa[end_a - 1].id == wb[end_b - 1].id)
    {
      end_a--;
      end_b--;
    }
  /* An empty text has no words, and its array no storage: no pointer arithmetic on NULL. */
  diff_middle (wa ? wa + start : NULL, end_a - start, wb ? wb + start : NULL, end_b - start,
               start, start, steps);
  for (guint k = 0; end_a + k < a->len; k++)
    g_array_append_val (steps, ((Step) { OP_SAME, end_b + k, end_a + k }));

  for (guint k = 0; k < steps->len; k++)
    {
      const Step *step = &g_array_index (steps, Step, k);

      if (step->op == OP_REMOVED)
        {
          const Word *w = &wa[step->index];
          /* The spaces between two removed words go with them. */
          guint from = previous_before == OP_REMOVED && step->index > 0 ? wa[step->index - 1].end
                                                                         : w->start;

          /* A replacement: the spaces of @after before it come first, “a [-b-]{+x+} c”. A
           * deletion takes the spaces before it along, “a[- b-] c”. */
          if (previous_before != OP_REMOVED && previous_after != OP_ADDED)
            {
              const Step *next = NULL;

              for (guint l = k + 1; l < steps->len && next == NULL; l++)
                if (g_array_index (steps, Step, l).op != OP_REMOVED)
                  next = &g_array_index (steps, Step, l);
              if (next != NULL && next->op == OP_ADDED)
                {
                  add_chunk (chunks, BYLINE_WORD_DIFF_SAME, after + after_pos,
                             wb[next->index].start - after_pos);
                  after_pos = wb[next->index].start;
                }
              else if (step->index > 0)
                from = wa[step->index - 1].end;
            }
          add_chunk (chunks, BYLINE_WORD_DIFF_REMOVED, before + from, w->end - from);
          previous_before = OP_REMOVED;
          continue;
        }

      {
        const Word *w = &wb[step->index];
        BylineWordDiffKind kind = step->op == OP_ADDED ? BYLINE_WORD_DIFF_ADDED
                                                       : BYLINE_WORD_DIFF_SAME;

        /* The spaces before a word go with it when the word before it is of its kind. */
        if (step->op == OP_ADDED && previous_after == OP_ADDED)
          add_chunk (chunks, kind, after + after_pos, w->end - after_pos);
        else
          {
            add_chunk (chunks, BYLINE_WORD_DIFF_SAME, after + after_pos, w->start - after_pos);
            add_chunk (chunks, kind, after + w->start, w->end - w->start);
          }
        after_pos = w->end;
        previous_after = step->op;
        previous_before = step->op == OP_SAME ? OP_SAME : previous_before;
      }
    }
  add_chunk (chunks, BYLINE_WORD_DIFF_SAME, after + after_pos, strlen (after + after_pos));

  return chunks;
}

/**
 * byline_field_change_free:
 * @change: a changed field
 */
void
byline_field_change_free (BylineFieldChange *change)
{
  if (change == NULL)
    return;
  g_free (change->member);
  g_free (change->ours);
  g_free (change->theirs);
  g_free (change);
}

/* A member's value as the writer reads it; %NULL when there is none. */
static char *
field_text (JsonObject *record,
            const char *member)
{
  JsonNode *node = json_object_get_member (record, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;

  if (g_str_equal (member, "content"))
    {
      const char *type = JSON_NODE_HOLDS_OBJECT (node)
                         ? byline_json_object_get_string (json_node_get_object (node), "$type")
                         : NULL;

      return g_strdup (type ? type : "?");
    }

  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return *json_node_get_string (node) ? g_strdup (json_node_get_string (node)) : NULL;

  if (g_str_equal (member, "tags") && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *tags = json_node_get_array (node);
      g_autoptr(GString) out = g_string_new (NULL);

      for (guint i = 0; i < json_array_get_length (tags); i++)
        {
          JsonNode *tag = json_array_get_element (tags, i);

          if (out->len > 0)
            g_string_append (out, ", ");
          if (JSON_NODE_HOLDS_VALUE (tag) && json_node_get_value_type (tag) == G_TYPE_STRING)
            g_string_append (out, json_node_get_string (tag));
        }
      return out->len ? g_string_free (g_steal_pointer (&out), FALSE) : NULL;
    }

  if (g_str_equal (member, "coverImage") && JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *blob = json_node_get_object (node);
      const char *mime = byline_json_object_get_string (blob, "mimeType");
      JsonNode *size = json_object_get_member (blob, "size");

      return g_strdup_printf ("%s (%s, %" G_GINT64_FORMAT " bytes)", cover_cid (record),
                              mime ? mime : "?",
                              size && JSON_NODE_HOLDS_VALUE (size) ? json_node_get_int (size) : 0);
    }

  return byline_json_to_string (node, FALSE, NULL);
}

static gboolean
field_differs (JsonObject *ours,
               JsonObject *theirs,
               const char *member)
{
  JsonNode *a = json_object_get_member (ours, member);
  JsonNode *b = json_object_get_member (theirs, member);

  if (g_str_equal (member, "publishedAt") || g_str_equal (member, "updatedAt"))
    return times_differ (byline_json_object_get_string (ours, member),
                         byline_json_object_get_string (theirs, member));
  if (g_str_equal (member, "coverImage"))
    return g_strcmp0 (cover_cid (ours), cover_cid (theirs)) != 0;
  if (g_str_equal (member, "tags"))
    return tags_differ (ours, theirs);
  if (g_str_equal (member, "content"))
    {
      g_autofree char *ta = field_text (ours, member);
      g_autofree char *tb = field_text (theirs, member);

      return g_strcmp0 (ta, tb) != 0;
    }
  if ((a == NULL || JSON_NODE_HOLDS_VALUE (a)) && (b == NULL || JSON_NODE_HOLDS_VALUE (b)))
    return strings_differ (ours, theirs, member) ||
           (a != NULL && b != NULL && !json_node_equal (a, b));
  if (a == NULL || b == NULL)
    return TRUE;

  return !json_node_equal (a, b);
}

static int
compare_members (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/**
 * byline_record_diff_fields:
 * @ours: the record this article would publish
 * @theirs: the record as it is published
 *
 * Compares two records field by field: the fields Byline edits first, in the order of its
 * panel, then the others by name. The body (`content`, `textContent`) is not among them,
 * except for the type of `content`, as the member `content`.
 *
 * Returns: (transfer full) (element-type BylineFieldChange): the fields that differ
 */
GPtrArray *
byline_record_diff_fields (JsonObject *ours,
                           JsonObject *theirs)
{
  static const char * const known[] = {
    "title", "description", "site", "path", "tags", "coverImage", "publishedAt", "updatedAt",
    "content",
  };
  GPtrArray *changes = g_ptr_array_new_with_free_func ((GDestroyNotify) byline_field_change_free);
  g_autoptr(GPtrArray) others = g_ptr_array_new ();
  JsonObject *records[] = { ours, theirs };

  g_return_val_if_fail (ours != NULL && theirs != NULL, changes);

  for (guint r = 0; r < G_N_ELEMENTS (records); r++)
    {
      g_autoptr(GList) members = json_object_get_members (records[r]);

      for (GList *l = members; l != NULL; l = l->next)
        {
          const char *member = l->data;
          gboolean listed = g_str_equal (member, "$type") || g_str_equal (member, "textContent");

          for (guint i = 0; !listed && i < G_N_ELEMENTS (known); i++)
            listed = g_str_equal (member, known[i]);
          for (guint i = 0; !listed && i < others->len; i++)
            listed = g_str_equal (member, g_ptr_array_index (others, i));
          if (!listed)
            g_ptr_array_add (others, (gpointer) member);
        }
    }
  g_ptr_array_sort (others, compare_members);

  for (guint i = 0; i < G_N_ELEMENTS (known) + others->len; i++)
    {
      const char *member = i < G_N_ELEMENTS (known) ? known[i]
                                                    : g_ptr_array_index (others, i - G_N_ELEMENTS (known));
      BylineFieldChange *change;

      if (!field_differs (ours, theirs, member))
        continue;
      change = g_new0 (BylineFieldChange, 1);
      change->member = g_strdup (member);
      change->ours = field_text (ours, member);
      change->theirs = field_text (theirs, member);
      g_ptr_array_add (changes, change);
    }

  return changes;
}

static void
append_lines (GString    *out,
              char        prefix,
              const char *text)
{
  g_auto(GStrv) lines = NULL;

  if (text == NULL)
    return;
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    g_string_append_printf (out, "%c%s\n", prefix, lines[i]);
}

/* The body with its changes marked, split into lines; @changed says which lines have one. */
static GStrv
mark_body (GPtrArray  *chunks,
           GArray     *changed)
{
  g_autoptr(GString) marked = g_string_new (NULL);
  GStrv lines;

  for (guint i = 0; i < chunks->len; i++)
    {
      BylineWordDiffChunk *chunk = g_ptr_array_index (chunks, i);

      if (chunk->kind == BYLINE_WORD_DIFF_SAME)
        g_string_append (marked, chunk->text);
      else
        g_string_append_printf (marked, chunk->kind == BYLINE_WORD_DIFF_ADDED ? "{+%s+}" : "[-%s-]",
                                chunk->text);
    }

  lines = g_strsplit (marked->str, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      gboolean line_changed = strstr (lines[i], "{+") != NULL || strstr (lines[i], "[-") != NULL;

      g_array_append_val (changed, line_changed);
    }

  return lines;
}

/**
 * byline_record_diff_unified:
 * @ours: the record this article would publish
 * @our_body: the article's Markdown
 * @theirs: the record as it is published
 * @their_body: the published body as the article would hold it
 * @our_label: what the `+++` line names (the article)
 * @their_label: what the `---` line names (the record)
 *
 * The comparison of byline_record_diff_fields() and byline_word_diff() as a unified diff:
 * the fields first, each a hunk `@@ field @@` with its published (`-`) and new (`+`) value,
 * then the body's changed lines, with a line of context around each, the words marked
 * `[-removed-]` and `{+added+}`.
 *
 * Returns: (transfer full): the diff, or an empty string when nothing differs
 */
char *
byline_record_diff_unified (JsonObject *ours,
                            const char *our_body,
                            JsonObject *theirs,
                            const char *their_body,
                            const char *our_label,
                            const char *their_label)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GPtrArray) fields = NULL;
  g_autoptr(GPtrArray) chunks = NULL;
  g_autoptr(GArray) changed = g_array_new (FALSE, FALSE, sizeof (gboolean));
  g_auto(GStrv) lines = NULL;
  gboolean body_changed = FALSE;
  guint n_lines;

  g_return_val_if_fail (ours != NULL && theirs != NULL, NULL);

  fields = byline_record_diff_fields (ours, theirs);
  chunks = byline_word_diff (their_body, our_body);
  for (guint i = 0; i < chunks->len && !body_changed; i++)
    body_changed = ((BylineWordDiffChunk *) g_ptr_array_index (chunks, i))->kind != BYLINE_WORD_DIFF_SAME;

  if (fields->len == 0 && !body_changed)
    return g_strdup ("");

  g_string_append_printf (out, "--- %s\n+++ %s\n", their_label, our_label);
  for (guint i = 0; i < fields->len; i++)
    {
      BylineFieldChange *change = g_ptr_array_index (fields, i);

      g_string_append_printf (out, "@@ %s @@\n", change->member);
      append_lines (out, '-', change->theirs);
      append_lines (out, '+', change->ours);
    }

  if (!body_changed)
    return g_string_free (g_steal_pointer (&out), FALSE);

  lines = mark_body (chunks, changed);
  n_lines = g_strv_length (lines);
  for (guint i = 0; i < n_lines;)
    {
      guint first, last;

      if (!g_array_index (changed, gboolean, i))
        {
          i++;
          continue;
        }

      /* One hunk: the changed lines with a line of context on each side, joined when
       * their context touches. */
      first = i > 0 ? i - 1 : 0;
      last = i;
      while (last + 1 < n_lines &&
             (g_array_index (changed, gboolean, last + 1) ||
              (last + 2 < n_lines && g_array_index (changed, gboolean, last + 2))))
        last++;
      if (last + 1 < n_lines)
        last++;

      g_string_append_printf (out, "@@ body, line %u @@\n", first + 1);
      for (guint l = first; l <= last; l++)
        g_string_append_printf (out, "%c%s\n", g_array_index (changed, gboolean, l) ? '~' : ' ',
                                lines[l]);
      i = last + 1;
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}
