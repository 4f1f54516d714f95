/* byline-spelling.c
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

#define G_LOG_DOMAIN "byline-spelling"

#include "config.h"

#include "byline-document.h"
#include "byline-file-state.h"
#include "byline-spelling.h"

/*
 * Spell checking of one document: a checker of its own (so each article can be checked in
 * its own language) and the libspelling adapter that underlines misspellings and offers
 * suggestions and the language menu. The language a writer picks for a saved article is
 * remembered for that file and restored when it is opened again; other articles use the
 * language of the preferences, or of the locale when that is empty.
 */

#define LANGUAGE_KEY "spelling-language"
#define NO_SPELL_CHECK_TAG "gtksourceview:context-classes:no-spell-check"

/* How long the cursor rests before spell checking looks at where it is. */
#define CORRECTIONS_DELAY_MS 400

struct _BylineSpelling
{
  GObject                    parent_instance;

  GtkSourceBuffer           *buffer;
  GSettings                 *settings;
  SpellingChecker           *checker;
  SpellingTextBufferAdapter *adapter;

  guint                      corrections_source;

  /* Where the highlighter changed which text is not spell-checked (code, links...), and which
   * runs of that text the span held before; compared once the highlighter is done. */
  GtkTextTag                *no_spell_check;
  GArray                    *span_before;
  int                        span_start;
  int                        span_end;
  int                        span_length;
  guint                      compare_source;

  /* Set while Byline itself changes the language, so only the writer's choices are stored. */
  guint                      applying : 1;
  /* Set while the adapter is told of a cursor move it missed. */
  guint                      replaying : 1;
  /* Set while the adapter is told of text it should check again. */
  guint                      rechecking : 1;
  /* Set while the adapter's handlers of tag changes are held back. */
  guint                      holding_tag_changes : 1;
};

G_DEFINE_FINAL_TYPE (BylineSpelling, byline_spelling, G_TYPE_OBJECT)

static GFile *
get_file (BylineSpelling *self)
{
  return BYLINE_IS_DOCUMENT (self->buffer) ? byline_document_get_file (BYLINE_DOCUMENT (self->buffer)) : NULL;
}

static void
apply_language (BylineSpelling *self)
{
  GFile *file = get_file (self);
  g_autofree char *language = NULL;

  if (file != NULL)
    language = byline_file_state_lookup (file, LANGUAGE_KEY);
  if (language == NULL || *language == '\0')
    {
      g_free (language);
      language = g_settings_get_string (self->settings, "spellcheck-language");
    }

  /* An empty language leaves the checker's own choice from the locale. */
  if (*language == '\0')
    return;

  self->applying = TRUE;
  spelling_text_buffer_adapter_set_language (self->adapter, language);
  self->applying = FALSE;
}

static void
language_changed_cb (BylineSpelling *self)
{
  GFile *file = get_file (self);
  const char *language = spelling_checker_get_language (self->checker);
  g_autoptr(GError) error = NULL;

  if (self->applying || file == NULL || language == NULL)
    return;

  if (!byline_file_state_store (file, LANGUAGE_KEY, language, &error))
    g_warning ("The spelling language could not be remembered: %s", error->message);
}

static guint
block_adapter (BylineSpelling *self,
               gboolean        block)
{
  guint signal_id = g_signal_lookup ("cursor-moved", GTK_SOURCE_TYPE_BUFFER);
  GSignalMatchType match = G_SIGNAL_MATCH_ID | G_SIGNAL_MATCH_DATA;

  if (self->buffer == NULL)
    return 0;

  return block ? g_signal_handlers_block_matched (self->buffer, match, signal_id, 0, NULL, NULL,
                                                  self->adapter)
               : g_signal_handlers_unblock_matched (self->buffer, match, signal_id, 0, NULL, NULL,
                                                    self->adapter);
}

/* The cursor rested: let the adapter see where it went. */
static gboolean
cursor_rested_cb (gpointer data)
{
  BylineSpelling *self = data;

  self->corrections_source = 0;
  if (self->buffer == NULL)
    return G_SOURCE_REMOVE;

  self->replaying = TRUE;
  block_adapter (self, FALSE);
  g_signal_emit_by_name (self->buffer, "cursor-moved");
  block_adapter (self, TRUE);
  self->replaying = FALSE;

  return G_SOURCE_REMOVE;
}

/*
 * At every keystroke the highlighter analyses the edited line again: it removes its
 * "no-spell-check" tag from the line and applies it again to the code and links in it. The
 * adapter takes each of these changes as text to check again, and clears its underline from the
 * whole line at once, to put it back when the check returns: the underlines near the edit
 * vanished for a frame, and the window was drawn twice. Here the adapter hears only of the text
 * whose "no-spell-check" state changed, once the highlighter is done.
 */

typedef struct
{
  int start;
  int end;
} Run;

/* Appends the runs of @tag from @start to @end to @runs. */
static void
collect_runs (GtkTextTag        *tag,
              const GtkTextIter *start,
              const GtkTextIter *end,
              GArray            *runs)
{
  GtkTextIter iter = *start;

  while (gtk_text_iter_compare (&iter, end) < 0)
    {
      GtkTextIter next = iter;
      gboolean tagged = gtk_text_iter_has_tag (&iter, tag);

      if (!gtk_text_iter_forward_to_tag_toggle (&next, tag) || gtk_text_iter_compare (&next, end) > 0)
        next = *end;
      if (tagged)
        g_array_append_val (runs, ((Run) { gtk_text_iter_get_offset (&iter),
                                           gtk_text_iter_get_offset (&next) }));
      iter = next;
    }
}

static int
compare_runs (gconstpointer a,
              gconstpointer b)
{
  return ((const Run *)a)->start - ((const Run *)b)->start;
}

static int
compare_ints (gconstpointer a,
              gconstpointer b)
{
  return *(const int *)a - *(const int *)b;
}

/* Whether @offset lies in one of @runs (sorted, not overlapping); *@index follows offsets that
 * only grow. */
static gboolean
in_runs (GArray *runs,
         guint  *index,
         int     offset)
{
  while (*index < runs->len && g_array_index (runs, Run, *index).end <= offset)
    (*index)++;

  return *index < runs->len && g_array_index (runs, Run, *index).start <= offset;
}

/* Tells the adapter to check @start to @end again, changing nothing: it hears of a tag applied
 * where the text already has it, or removed where it has none. */
static void
recheck_range (BylineSpelling *self,
               GtkTextIter    *start,
               GtkTextIter    *end)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->buffer);

  self->rechecking = TRUE;
  if (gtk_text_iter_has_tag (start, self->no_spell_check))
    gtk_text_buffer_apply_tag (buffer, self->no_spell_check, start, end);
  else
    gtk_text_buffer_remove_tag (buffer, self->no_spell_check, start, end);
  self->rechecking = FALSE;
}

static guint
block_tag_handlers (BylineSpelling *self,
                    gboolean        block)
{
  GSignalMatchType match = G_SIGNAL_MATCH_ID | G_SIGNAL_MATCH_DATA;
  guint n = 0;

  for (guint i = 0; i < 2; i++)
    {
      guint signal_id = g_signal_lookup (i == 0 ? "apply-tag" : "remove-tag", GTK_TYPE_TEXT_BUFFER);

      n += block ? g_signal_handlers_block_matched (self->buffer, match, signal_id, 0, NULL, NULL,
                                                    self->adapter)
                 : g_signal_handlers_unblock_matched (self->buffer, match, signal_id, 0, NULL,
                                                      NULL, self->adapter);
    }

  return n;
}

/* The highlighter is done: the adapter hears of the text whose state changed. */
static gboolean
compare_span_cb (gpointer data)
{
  BylineSpelling *self = data;
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->buffer);
  g_autoptr(GArray) before = g_steal_pointer (&self->span_before);
  g_autoptr(GArray) now = g_array_new (FALSE, FALSE, sizeof (Run));
  g_autoptr(GArray) bounds = g_array_new (FALSE, FALSE, sizeof (int));
  guint in_before = 0, in_now = 0;
  gboolean all;
  GtkTextIter start, end;

  self->compare_source = 0;
  if (self->buffer == NULL || self->no_spell_check == NULL || before == NULL)
    return G_SOURCE_REMOVE;

  /* If the text changed meanwhile, the offsets before no longer hold: the whole span is
   * checked again, as the adapter would. */
  all = gtk_text_buffer_get_char_count (buffer) != self->span_length;
  if (all)
    g_array_set_size (before, 0);

  gtk_text_buffer_get_iter_at_offset (buffer, &start, self->span_start);
  gtk_text_buffer_get_iter_at_offset (buffer, &end, self->span_end);
  collect_runs (self->no_spell_check, &start, &end, now);
  g_array_sort (before, compare_runs);
  for (guint i = 0; i < before->len; i++)
    {
      g_array_append_val (bounds, g_array_index (before, Run, i).start);
      g_array_append_val (bounds, g_array_index (before, Run, i).end);
    }
  for (guint i = 0; i < now->len; i++)
    {
      g_array_append_val (bounds, g_array_index (now, Run, i).start);
      g_array_append_val (bounds, g_array_index (now, Run, i).end);
    }
  g_array_append_val (bounds, self->span_start);
  g_array_append_val (bounds, self->span_end);
  g_array_sort (bounds, compare_ints);

  block_tag_handlers (self, FALSE);
  for (guint i = 0; i + 1 < bounds->len; i++)
    {
      int from = g_array_index (bounds, int, i);
      int to = g_array_index (bounds, int, i + 1);
      GtkTextIter a, b;

      if (from == to ||
          (!all && in_runs (before, &in_before, from) == in_runs (now, &in_now, from)))
        continue;
      gtk_text_buffer_get_iter_at_offset (buffer, &a, from);
      gtk_text_buffer_get_iter_at_offset (buffer, &b, to);
      recheck_range (self, &a, &b);
    }

  block_tag_handlers (self, TRUE);

  return G_SOURCE_REMOVE;
}

static void
no_spell_check_changing_cb (BylineSpelling *self,
                            GtkTextTag     *tag,
                            GtkTextIter    *start,
                            GtkTextIter    *end,
                            GtkTextBuffer  *buffer)
{
  int from = gtk_text_iter_get_offset (start);
  int to = gtk_text_iter_get_offset (end);

  if (tag != self->no_spell_check || self->rechecking)
    return;

  /* What the span held before the first change; a later change reaching past it adds what it
   * held there. */
  if (self->span_before == NULL)
    {
      self->span_before = g_array_new (FALSE, FALSE, sizeof (Run));
      self->span_start = from;
      self->span_end = to;
      self->span_length = gtk_text_buffer_get_char_count (buffer);
      collect_runs (tag, start, end, self->span_before);
    }
  else
    {
      GtkTextIter a, b;

      if (from < self->span_start)
        {
          gtk_text_buffer_get_iter_at_offset (buffer, &a, from);
          gtk_text_buffer_get_iter_at_offset (buffer, &b, self->span_start);
          collect_runs (tag, &a, &b, self->span_before);
          self->span_start = from;
        }
      if (to > self->span_end)
        {
          gtk_text_buffer_get_iter_at_offset (buffer, &a, self->span_end);
          gtk_text_buffer_get_iter_at_offset (buffer, &b, to);
          collect_runs (tag, &a, &b, self->span_before);
          self->span_end = to;
        }
    }

  if (self->compare_source == 0)
    self->compare_source = g_idle_add_full (G_PRIORITY_HIGH, compare_span_cb, self, NULL);
}

static void
tag_added_cb (BylineSpelling  *self,
              GtkTextTag      *tag,
              GtkTextTagTable *table)
{
  g_autofree char *name = NULL;

  g_object_get (tag, "name", &name, NULL);
  if (g_strcmp0 (name, NO_SPELL_CHECK_TAG) == 0)
    self->no_spell_check = tag;
}

static void
tag_removed_cb (BylineSpelling  *self,
                GtkTextTag      *tag,
                GtkTextTagTable *table)
{
  if (tag == self->no_spell_check)
    {
      self->no_spell_check = NULL;
      g_clear_pointer (&self->span_before, g_array_unref);
    }
}

/* At every cursor move libspelling looks up the suggestions for the word under the cursor
 * (Hunspell's suggest: from a few to tens of milliseconds a word) on the main thread, to have
 * the context menu ready, and checks the word the cursor left. Here the adapter hears of the
 * cursor once it rests, so clicking around and typing never wait for a dictionary. */
static void
cursor_moved_cb (BylineSpelling *self)
{
  if (self->replaying)
    return;

  g_clear_handle_id (&self->corrections_source, g_source_remove);
  self->corrections_source = g_timeout_add (CORRECTIONS_DELAY_MS, cursor_rested_cb, self);
}

static void
byline_spelling_dispose (GObject *object)
{
  BylineSpelling *self = BYLINE_SPELLING (object);

  g_clear_handle_id (&self->corrections_source, g_source_remove);
  g_clear_handle_id (&self->compare_source, g_source_remove);
  g_clear_pointer (&self->span_before, g_array_unref);
  /* The adapter may outlive this object: it hears of tag changes itself again. */
  if (self->holding_tag_changes && self->buffer != NULL && self->adapter != NULL)
    block_tag_handlers (self, FALSE);
  self->holding_tag_changes = FALSE;

  /* Others may hold the adapter (the view's menu and actions) past the buffer's life: with
   * checking off, its engine no longer reads text from a buffer that is gone. */
  if (self->adapter != NULL)
    {
      g_settings_unbind (self->adapter, "enabled");
      spelling_text_buffer_adapter_set_enabled (self->adapter, FALSE);
    }
  g_clear_object (&self->adapter);
  g_clear_object (&self->checker);
  g_clear_object (&self->settings);
  g_clear_weak_pointer (&self->buffer);

  G_OBJECT_CLASS (byline_spelling_parent_class)->dispose (object);
}

static void
byline_spelling_class_init (BylineSpellingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = byline_spelling_dispose;
}

static void
byline_spelling_init (BylineSpelling *self)
{
}

/**
 * byline_spelling_new:
 * @buffer: the buffer to check
 *
 * Returns: (transfer full): spell checking for @buffer
 */
BylineSpelling *
byline_spelling_new (GtkSourceBuffer *buffer)
{
  BylineSpelling *self;

  g_return_val_if_fail (GTK_SOURCE_IS_BUFFER (buffer), NULL);

  self = g_object_new (BYLINE_TYPE_SPELLING, NULL);
  g_set_weak_pointer (&self->buffer, buffer);
  self->settings = g_settings_new (BASE_ID);
  self->checker = spelling_checker_new (spelling_provider_get_default (), NULL);
  self->adapter = spelling_text_buffer_adapter_new (buffer, self->checker);

  apply_language (self);
  /* The language menu changes the checker, which is this document's alone. */
  g_signal_connect_object (self->checker, "notify::language", G_CALLBACK (language_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::spellcheck-language",
                           G_CALLBACK (apply_language), self, G_CONNECT_SWAPPED);
  /* Saving as another file, or opening one into this buffer. */
  g_signal_connect_object (buffer, "notify::file", G_CALLBACK (apply_language), self,
                           G_CONNECT_SWAPPED);
  g_settings_bind (self->settings, "spellcheck", self->adapter, "enabled", G_SETTINGS_BIND_GET);

  /* The adapter hears of changes to the text not to check once the highlighter is done. */
  if (block_tag_handlers (self, TRUE) > 0)
    {
      GtkTextTagTable *table = gtk_text_buffer_get_tag_table (GTK_TEXT_BUFFER (buffer));

      self->holding_tag_changes = TRUE;
      self->no_spell_check = gtk_text_tag_table_lookup (table, NO_SPELL_CHECK_TAG);
      g_signal_connect_object (table, "tag-added", G_CALLBACK (tag_added_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (table, "tag-removed", G_CALLBACK (tag_removed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (buffer, "apply-tag", G_CALLBACK (no_spell_check_changing_cb),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (buffer, "remove-tag", G_CALLBACK (no_spell_check_changing_cb),
                               self, G_CONNECT_SWAPPED);
    }

  /* The adapter hears of cursor moves once the cursor rests. */
  if (block_adapter (self, TRUE) > 0)
    g_signal_connect_object (buffer, "cursor-moved", G_CALLBACK (cursor_moved_cb), self,
                             G_CONNECT_SWAPPED);

  return self;
}

/**
 * byline_spelling_update_corrections:
 *
 * Looks up the suggestions for the word at the cursor now, as a context menu opens.
 */
void
byline_spelling_update_corrections (BylineSpelling *self)
{
  g_return_if_fail (BYLINE_IS_SPELLING (self));

  g_clear_handle_id (&self->corrections_source, g_source_remove);
  spelling_text_buffer_adapter_update_corrections (self->adapter);
}

/**
 * byline_spelling_get_adapter:
 *
 * Returns: (transfer none): the adapter, for the view's menu and actions
 */
SpellingTextBufferAdapter *
byline_spelling_get_adapter (BylineSpelling *self)
{
  g_return_val_if_fail (BYLINE_IS_SPELLING (self), NULL);

  return self->adapter;
}
