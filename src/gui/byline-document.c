/* byline-document.c
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

#define G_LOG_DOMAIN "byline-document"

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "byline-document.h"
#include "byline-front-matter.h"

#define LANGUAGE_SPECS "resource:///io/github/byline/Byline/language-specs"

/*
 * The buffer's text is the single source of truth. The front matter's metadata is parsed from
 * it by the page's renderer (in a worker) and handed back here; edits from the metadata panel
 * rewrite the front-matter block inside one user action, so they can be undone like typing.
 */

struct _BylineDocument
{
  GtkSourceBuffer  parent_instance;

  /* Owned references */
  GtkSourceFile   *file;
  BylineMetadata  *metadata;
  char            *front_matter_error;
  char            *draft_id;
  /* Why the file the document was restored from could not be reopened, until it is saved. */
  char            *lost_file;

  /* Weak: the page's flat copy of the text, for snapshots that do not walk the buffer. */
  BylineTextMirror *mirror;

  guint            loading : 1;
  guint            needs_autosave : 1;
  guint            draft_restored : 1;
};

G_DEFINE_FINAL_TYPE (BylineDocument, byline_document, GTK_SOURCE_TYPE_BUFFER)

enum {
  PROP_0,
  PROP_FILE,
  PROP_TITLE,
  PROP_METADATA,
  PROP_FRONT_MATTER_ERROR,
  PROP_LOADING,
  PROP_DRAFT_RESTORED,
  PROP_LOST_FILE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_lost_file (BylineDocument *self,
               const char     *message)
{
  if (g_set_str (&self->lost_file, message))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOST_FILE]);
}

static void
update_style_scheme (BylineDocument *self)
{
  AdwStyleManager *style_manager = adw_style_manager_get_default ();
  GtkSourceStyleSchemeManager *schemes = gtk_source_style_scheme_manager_get_default ();
  const char *id = adw_style_manager_get_dark (style_manager) ? "Adwaita-dark" : "Adwaita";

  gtk_source_buffer_set_style_scheme (GTK_SOURCE_BUFFER (self),
                                      gtk_source_style_scheme_manager_get_scheme (schemes, id));
}

static void
byline_document_changed (GtkTextBuffer *buffer)
{
  BylineDocument *self = BYLINE_DOCUMENT (buffer);

  /* Only record state here: rendering and drafts follow the signal elsewhere. */
  self->needs_autosave = TRUE;

  if (GTK_TEXT_BUFFER_CLASS (byline_document_parent_class)->changed)
    GTK_TEXT_BUFFER_CLASS (byline_document_parent_class)->changed (buffer);
}

static void
byline_document_modified_changed (GtkTextBuffer *buffer)
{
  if (GTK_TEXT_BUFFER_CLASS (byline_document_parent_class)->modified_changed)
    GTK_TEXT_BUFFER_CLASS (byline_document_parent_class)->modified_changed (buffer);

  /* Saved, or the restored draft discarded: the text shown is the file's again. */
  if (!gtk_text_buffer_get_modified (buffer))
    byline_document_set_draft_restored (BYLINE_DOCUMENT (buffer), FALSE);

  g_object_notify_by_pspec (G_OBJECT (buffer), properties[PROP_TITLE]);
}

/**
 * byline_document_get_markdown:
 *
 * The editor's Markdown highlighting: the stock definition with code fences and raw HTML as
 * CommonMark has them (see `language-specs/byline-markdown.lang`), found in Byline's resources.
 *
 * Returns: (transfer none): the language
 */
GtkSourceLanguage *
byline_document_get_markdown (void)
{
  static gboolean searched;
  GtkSourceLanguageManager *languages = gtk_source_language_manager_get_default ();

  /* Before the manager first lists its languages, which happens on the first lookup. */
  if (!searched)
    {
      gtk_source_language_manager_append_search_path (languages, LANGUAGE_SPECS);
      searched = TRUE;
    }

  return gtk_source_language_manager_get_language (languages, "byline-markdown");
}

/* Whether any of the text from @start to @end carries @tag. */
static gboolean
range_has_tag (const GtkTextIter *start,
               const GtkTextIter *end,
               GtkTextTag        *tag)
{
  GtkTextIter iter = *start;

  if (gtk_text_iter_has_tag (&iter, tag))
    return TRUE;

  return gtk_text_iter_forward_to_tag_toggle (&iter, tag) && gtk_text_iter_compare (&iter, end) < 0;
}

/* Whether all of the text from @start to @end carries @tag. */
static gboolean
range_all_tagged (const GtkTextIter *start,
                  const GtkTextIter *end,
                  GtkTextTag        *tag)
{
  GtkTextIter iter = *start;

  if (!gtk_text_iter_has_tag (&iter, tag))
    return FALSE;

  return !gtk_text_iter_forward_to_tag_toggle (&iter, tag) || gtk_text_iter_compare (&iter, end) >= 0;
}

/*
 * GTK lays out and draws the lines of a range again whenever a tag is applied to it or removed
 * from it, even when that changes nothing. At each keystroke the highlighter removes every one
 * of its style tags from the text it analyses again, tags that text mostly does not carry. A
 * change that changes nothing is left out.
 */
static void
byline_document_apply_tag (GtkTextBuffer     *buffer,
                           GtkTextTag        *tag,
                           const GtkTextIter *start,
                           const GtkTextIter *end)
{
  if (range_all_tagged (start, end, tag))
    return;

  GTK_TEXT_BUFFER_CLASS (byline_document_parent_class)->apply_tag (buffer, tag, start, end);
}

static void
byline_document_remove_tag (GtkTextBuffer     *buffer,
                            GtkTextTag        *tag,
                            const GtkTextIter *start,
                            const GtkTextIter *end)
{
  if (!range_has_tag (start, end, tag))
    return;

  GTK_TEXT_BUFFER_CLASS (byline_document_parent_class)->remove_tag (buffer, tag, start, end);
}

static void
byline_document_constructed (GObject *object)
{
  BylineDocument *self = BYLINE_DOCUMENT (object);

  G_OBJECT_CLASS (byline_document_parent_class)->constructed (object);

  gtk_source_buffer_set_language (GTK_SOURCE_BUFFER (self), byline_document_get_markdown ());
  gtk_source_buffer_set_highlight_syntax (GTK_SOURCE_BUFFER (self), TRUE);

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (update_style_scheme), self, G_CONNECT_SWAPPED);
  update_style_scheme (self);
}

static void
byline_document_finalize (GObject *object)
{
  BylineDocument *self = BYLINE_DOCUMENT (object);

  g_clear_object (&self->file);
  g_clear_object (&self->metadata);
  g_clear_pointer (&self->front_matter_error, g_free);
  g_clear_pointer (&self->draft_id, g_free);
  g_clear_pointer (&self->lost_file, g_free);
  g_clear_weak_pointer (&self->mirror);

  G_OBJECT_CLASS (byline_document_parent_class)->finalize (object);
}

static void
byline_document_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  BylineDocument *self = BYLINE_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_FILE:
      g_value_set_object (value, byline_document_get_file (self));
      break;

    case PROP_TITLE:
      g_value_take_string (value, byline_document_dup_title (self));
      break;

    case PROP_METADATA:
      g_value_set_object (value, self->metadata);
      break;

    case PROP_FRONT_MATTER_ERROR:
      g_value_set_string (value, self->front_matter_error);
      break;

    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;

    case PROP_DRAFT_RESTORED:
      g_value_set_boolean (value, self->draft_restored);
      break;

    case PROP_LOST_FILE:
      g_value_set_string (value, self->lost_file);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
byline_document_class_init (BylineDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkTextBufferClass *buffer_class = GTK_TEXT_BUFFER_CLASS (klass);

  object_class->constructed = byline_document_constructed;
  object_class->finalize = byline_document_finalize;
  object_class->get_property = byline_document_get_property;

  buffer_class->changed = byline_document_changed;
  buffer_class->modified_changed = byline_document_modified_changed;
  buffer_class->apply_tag = byline_document_apply_tag;
  buffer_class->remove_tag = byline_document_remove_tag;

  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_METADATA] =
    g_param_spec_object ("metadata", NULL, NULL, BYLINE_TYPE_METADATA,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_FRONT_MATTER_ERROR] =
    g_param_spec_string ("front-matter-error", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DRAFT_RESTORED] =
    g_param_spec_boolean ("draft-restored", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_LOST_FILE] =
    g_param_spec_string ("lost-file", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
byline_document_init (BylineDocument *self)
{
  self->file = gtk_source_file_new ();
  self->metadata = byline_metadata_new ();
}

BylineDocument *
byline_document_new (void)
{
  return g_object_new (BYLINE_TYPE_DOCUMENT, NULL);
}

/**
 * byline_document_get_file:
 *
 * Returns: (transfer none) (nullable): where the document is saved, or %NULL if it never was
 */
GFile *
byline_document_get_file (BylineDocument *self)
{
  g_return_val_if_fail (BYLINE_IS_DOCUMENT (self), NULL);

  return gtk_source_file_get_location (self->file);
}

/**
 * byline_document_dup_title:
 *
 * The name shown for the document: its file name, or "New Article".
 *
 * Returns: (transfer full): the title
 */
char *
byline_document_dup_title (BylineDocument *self)
{
  GFile *file;

  g_return_val_if_fail (BYLINE_IS_DOCUMENT (self), NULL);

  if ((file = byline_document_get_file (self)))
    return g_file_get_basename (file);

  return g_strdup (_("New Article"));
}

/**
 * byline_document_get_metadata:
 *
 * The metadata of the front matter as last read from the text. It is replaced (and
 * #BylineDocument:metadata notified) each time the text is read again.
 *
 * Returns: (transfer none): the metadata
 */
BylineMetadata *
byline_document_get_metadata (BylineDocument *self)
{
  g_return_val_if_fail (BYLINE_IS_DOCUMENT (self), NULL);

  return self->metadata;
}

/**
 * byline_document_get_front_matter_error:
 *
 * Returns: (nullable): why the front matter could not be read, or %NULL
 */
const char *
byline_document_get_front_matter_error (BylineDocument *self)
{
  g_return_val_if_fail (BYLINE_IS_DOCUMENT (self), NULL);

  return self->front_matter_error;
}

/**
 * byline_document_dup_text:
 *
 * An immutable snapshot of the whole text, for workers.
 *
 * Returns: (transfer full): the text as UTF-8 bytes
 */
GBytes *
byline_document_dup_text (BylineDocument *self)
{
  GtkTextIter begin, end;
  char *text;

  g_return_val_if_fail (BYLINE_IS_DOCUMENT (self), NULL);

  gtk_text_buffer_get_bounds (GTK_TEXT_BUFFER (self), &begin, &end);
  text = gtk_text_iter_get_slice (&begin, &end);

  return g_bytes_new_take (text, strlen (text));
}

void
_byline_document_apply_render (BylineDocument *self,
                               BylineMetadata *metadata,
                               const GError   *error)
{
  g_return_if_fail (BYLINE_IS_DOCUMENT (self));

  if (g_set_str (&self->front_matter_error, error ? error->message : NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRONT_MATTER_ERROR]);

  /* A broken front matter keeps the last good metadata, so the panel does not empty itself
   * while the writer is in the middle of typing a YAML line. */
  if (metadata != NULL && g_set_object (&self->metadata, metadata))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_METADATA]);
}

/* The front-matter block as the buffer holds it now, up to its closing line (which the
 * parser confirms), without taking out the whole text. Empty when there is none. */
static char *
dup_front_matter_text (BylineDocument *self)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self);
  GtkTextIter start, line_start;

  gtk_text_buffer_get_start_iter (buffer, &start);
  line_start = start;

  for (guint line = 0;; line++)
    {
      GtkTextIter line_end = line_start;
      g_autofree char *text = NULL;
      const char *content;

      if (!gtk_text_iter_ends_line (&line_end))
        gtk_text_iter_forward_to_line_end (&line_end);
      text = g_strchomp (gtk_text_iter_get_slice (&line_start, &line_end));
      content = g_str_has_prefix (text, "\xEF\xBB\xBF") ? text + 3 : text;

      if (line == 0 && strcmp (content, "---") != 0)
        return g_strdup ("");
      if (line > 0 && (strcmp (content, "---") == 0 || strcmp (content, "...") == 0))
        {
          gtk_text_iter_forward_line (&line_start);
          return gtk_text_iter_get_slice (&start, &line_start);
        }
      if (!gtk_text_iter_forward_line (&line_start))
        return g_strdup ("");
    }
}

/**
 * byline_document_set_front_matter:
 * @self: a #BylineDocument
 * @metadata: a copy of the document's metadata, edited
 * @error: return location for an error
 *
 * Writes the fields that @metadata changes into the front-matter block as the text holds it
 * now, as one undoable user action.
 *
 * Returns: %FALSE, with @error set, if the front matter does not parse and was left alone
 */
gboolean
byline_document_set_front_matter (BylineDocument  *self,
                                  BylineMetadata  *metadata,
                                  GError         **error)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self);
  g_autoptr(BylineMetadata) current = NULL;
  g_autofree char *block = NULL;
  g_autofree char *text = NULL;
  GtkTextIter begin, end;
  gsize length;
  gsize block_end = 0;
  gsize block_length;
  gsize prefix = 0;
  gsize suffix = 0;

  g_return_val_if_fail (BYLINE_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (BYLINE_IS_METADATA (metadata), FALSE);

  /* @metadata is a copy of what the last render read, edited. The text may have changed
   * since (a file just opened, keys typed in the editor): the edits land on what the front
   * matter holds now, read again here, so nothing else in it is undone. */
  text = dup_front_matter_text (self);
  length = strlen (text);
  current = byline_front_matter_parse (text, length, NULL, error);

  /* Never overwrite a front matter the writer is still fixing: its text would be lost. */
  if (current == NULL)
    return FALSE;

  byline_metadata_merge_changes (current, self->metadata, metadata);

  /* The text is read again only after the next render: until then the document's metadata
   * must already hold this edit, so that a second quick edit builds on it. */
  byline_metadata_update (self->metadata, current);

  if (!byline_front_matter_find (text, length, &block_end))
    block_end = 0;

  /* Edited in place: only the keys that change are written, the rest stays byte for byte. */
  block = byline_front_matter_replace (text, length, current);
  block_length = strlen (block);

  /* Replace only what differs, so the rest of the front matter (and the marks in it) stay. */
  while (prefix < block_end && prefix < block_length && text[prefix] == block[prefix])
    prefix++;
  while (prefix > 0 && (text[prefix] & 0xC0) == 0x80)
    prefix--;
  while (suffix < block_end - prefix && suffix < block_length - prefix &&
         text[block_end - 1 - suffix] == block[block_length - 1 - suffix])
    suffix++;
  while (suffix > 0 && (text[block_end - suffix] & 0xC0) == 0x80)
    suffix--;

  if (prefix == block_end && prefix == block_length)
    return TRUE;

  gtk_text_buffer_get_iter_at_offset (buffer, &begin, g_utf8_pointer_to_offset (text, text + prefix));
  gtk_text_buffer_get_iter_at_offset (buffer, &end,
                                      g_utf8_pointer_to_offset (text, text + block_end - suffix));

  gtk_text_buffer_begin_user_action (buffer);
  gtk_text_buffer_delete (buffer, &begin, &end);
  gtk_text_buffer_insert (buffer, &begin, block + prefix, block_length - prefix - suffix);
  gtk_text_buffer_end_user_action (buffer);

  return TRUE;
}

/**
 * byline_document_set_title_field:
 * @self: a #BylineDocument
 * @title: the article's title
 *
 * Sets the `title` of the front matter.
 */
void
byline_document_set_title_field (BylineDocument *self,
                                 const char     *title)
{
  byline_document_set_field (self, BYLINE_METADATA_FIELD_TITLE, title);
}

/**
 * byline_document_set_field:
 * @self: a #BylineDocument
 * @field: the field to set
 * @value: (nullable): its new value; %NULL or "" removes the key
 *
 * Sets one string field of the front matter, as one undoable user action.
 */
void
byline_document_set_field (BylineDocument      *self,
                           BylineMetadataField  field,
                           const char          *value)
{
  g_autoptr(BylineMetadata) copy = NULL;

  g_return_if_fail (BYLINE_IS_DOCUMENT (self));
  g_return_if_fail (field < BYLINE_METADATA_N_FIELDS);

  if (g_strcmp0 (byline_metadata_get_string (self->metadata, field), value) == 0)
    return;

  copy = byline_metadata_copy (self->metadata);
  byline_metadata_set_string (copy, field, value);
  byline_document_set_front_matter (self, copy, NULL);
}

/**
 * byline_document_set_tags:
 * @self: a #BylineDocument
 * @tags: (nullable): the tags, without a leading `#`
 *
 * Sets the `tags` of the front matter, as one undoable user action.
 */
void
byline_document_set_tags (BylineDocument     *self,
                          const char * const *tags)
{
  g_autoptr(BylineMetadata) copy = NULL;

  g_return_if_fail (BYLINE_IS_DOCUMENT (self));

  copy = byline_metadata_copy (self->metadata);
  byline_metadata_set_tags (copy, tags);
  if (byline_metadata_equal (copy, self->metadata))
    return;

  byline_document_set_front_matter (self, copy, NULL);
}

static void
set_loading (BylineDocument *self,
             gboolean        loading)
{
  if (self->loading != !!loading)
    {
      self->loading = !!loading;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
    }
}

/* Whether the loaded text is some other kind of file: any NUL, or many control characters
 * in its first few kilobytes. */
static gboolean
looks_binary (BylineDocument *self)
{
  g_autoptr(GBytes) bytes = byline_document_dup_text (self);
  gsize length = 0;
  const guchar *text = g_bytes_get_data (bytes, &length);
  gsize checked = MIN (length, 8192);
  gsize controls = 0;

  /* A NUL ends the buffer's copy early: the text was longer than it reads. */
  if (strlen ((const char *)text) < length)
    return TRUE;

  for (gsize i = 0; i < checked; i++)
    if ((text[i] < 0x20 && text[i] != '\t' && text[i] != '\n' && text[i] != '\r' &&
         text[i] != '\f') || text[i] == 0x7f)
      controls++;

  return controls > 0 && controls * 100 >= checked;
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  GtkSourceFileLoader *loader = GTK_SOURCE_FILE_LOADER (object);
  g_autoptr(GTask) task = user_data;
  BylineDocument *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  GtkTextIter begin;

  set_loading (self, FALSE);

  if (!gtk_source_file_loader_load_finish (loader, result, &error) &&
      !g_error_matches (error, GTK_SOURCE_FILE_LOADER_ERROR,
                        GTK_SOURCE_FILE_LOADER_ERROR_CONVERSION_FALLBACK))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* Refuse what is not text rather than let the writer save garbage over it. */
  if (error != NULL || looks_binary (self))
    {
      g_autofree char *name = g_file_get_basename (gtk_source_file_loader_get_location (loader));

      gtk_text_buffer_begin_irreversible_action (GTK_TEXT_BUFFER (self));
      gtk_text_buffer_set_text (GTK_TEXT_BUFFER (self), "", 0);
      gtk_text_buffer_end_irreversible_action (GTK_TEXT_BUFFER (self));
      gtk_text_buffer_set_modified (GTK_TEXT_BUFFER (self), FALSE);
      gtk_source_file_set_location (self->file, NULL);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               _("“%s” is not a text file. It looks like binary data, such as an image, a program or an archive, which Byline cannot edit."),
                               name);
      return;
    }

  gtk_text_buffer_set_modified (GTK_TEXT_BUFFER (self), FALSE);
  gtk_text_buffer_get_start_iter (GTK_TEXT_BUFFER (self), &begin);
  gtk_text_buffer_place_cursor (GTK_TEXT_BUFFER (self), &begin);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
  g_task_return_boolean (task, TRUE);
}

/**
 * byline_document_load_async:
 *
 * Replaces the document's text with @file's, detecting its encoding.
 */
void
byline_document_load_async (BylineDocument      *self,
                            GFile               *file,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GtkSourceFileLoader) loader = NULL;
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (BYLINE_IS_DOCUMENT (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, byline_document_load_async);

  if (self->loading)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_BUSY,
                               _("The document is already being loaded"));
      return;
    }

  gtk_source_file_set_location (self->file, file);
  set_lost_file (self, NULL);
  set_loading (self, TRUE);

  loader = gtk_source_file_loader_new (GTK_SOURCE_BUFFER (self), self->file);
  gtk_source_file_loader_load_async (loader, G_PRIORITY_DEFAULT, cancellable,
                                     NULL, NULL, NULL,
                                     load_cb, g_steal_pointer (&task));
}

gboolean
byline_document_load_finish (BylineDocument  *self,
                             GAsyncResult    *result,
                             GError         **error)
{
  g_return_val_if_fail (BYLINE_IS_DOCUMENT (self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
save_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  GtkSourceFileSaver *saver = GTK_SOURCE_FILE_SAVER (object);
  g_autoptr(GTask) task = user_data;
  BylineDocument *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  GFile *target;

  if (!gtk_source_file_saver_save_finish (saver, result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* The saver has already moved the file's location to the target: whether it changed was
   * noted when the save started. */
  target = gtk_source_file_saver_get_location (saver);
  gtk_source_file_set_location (self->file, target);
  set_lost_file (self, NULL);
  if (GPOINTER_TO_INT (g_task_get_task_data (task)))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);

  gtk_text_buffer_set_modified (GTK_TEXT_BUFFER (self), FALSE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
  g_task_return_boolean (task, TRUE);
}

/**
 * byline_document_save_async:
 * @self: a #BylineDocument
 * @file: (nullable): where to save, or %NULL for the document's own file
 *
 * Saves atomically (a temporary file renamed into place). Saves are never cancelled midway:
 * @cancellable is only checked before starting.
 */
void
byline_document_save_async (BylineDocument      *self,
                            GFile               *file,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GtkSourceFileSaver) saver = NULL;
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (BYLINE_IS_DOCUMENT (self));
  g_return_if_fail (!file || G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, byline_document_save_async);

  if (file == NULL)
    file = byline_document_get_file (self);

  if (file == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               _("The document has no file to save to"));
      return;
    }

  if (self->loading)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_BUSY,
                               _("The document is still being loaded"));
      return;
    }

  g_task_set_task_data (task,
                        GINT_TO_POINTER (byline_document_get_file (self) == NULL ||
                                         !g_file_equal (file, byline_document_get_file (self))),
                        NULL);
  saver = gtk_source_file_saver_new_with_target (GTK_SOURCE_BUFFER (self), self->file, file);
  /* The writer's file was changed elsewhere; the banner for that is the page's business. */
  gtk_source_file_saver_set_flags (saver, GTK_SOURCE_FILE_SAVER_FLAGS_IGNORE_MODIFICATION_TIME);
  gtk_source_file_saver_save_async (saver, G_PRIORITY_DEFAULT, NULL,
                                    NULL, NULL, NULL,
                                    save_cb, g_steal_pointer (&task));
}

gboolean
byline_document_save_finish (BylineDocument  *self,
                             GAsyncResult    *result,
                             GError         **error)
{
  g_return_val_if_fail (BYLINE_IS_DOCUMENT (self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * byline_document_get_draft_id:
 *
 * Returns: (nullable): the name of the document's draft in the session, or %NULL
 */
const char *
byline_document_get_draft_id (BylineDocument *self)
{
  g_return_val_if_fail (BYLINE_IS_DOCUMENT (self), NULL);

  return self->draft_id;
}

void
byline_document_set_draft_id (BylineDocument *self,
                              const char     *draft_id)
{
  g_return_if_fail (BYLINE_IS_DOCUMENT (self));

  g_set_str (&self->draft_id, draft_id);
}

/* @mirror follows this document's text; drafts are taken from it. */
void
_byline_document_set_text_mirror (BylineDocument   *self,
                                  BylineTextMirror *mirror)
{
  g_return_if_fail (BYLINE_IS_DOCUMENT (self));

  g_set_weak_pointer (&self->mirror, mirror);
}

/**
 * byline_document_get_draft_restored:
 *
 * Whether the text shown is a draft restored over the document's saved file (after a crash),
 * until the writer saves it, discards it or dismisses the notice.
 */
gboolean
byline_document_get_draft_restored (BylineDocument *self)
{
  g_return_val_if_fail (BYLINE_IS_DOCUMENT (self), FALSE);

  return self->draft_restored;
}

void
byline_document_set_draft_restored (BylineDocument *self,
                                    gboolean        restored)
{
  g_return_if_fail (BYLINE_IS_DOCUMENT (self));

  if (self->draft_restored != !!restored)
    {
      self->draft_restored = !!restored;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DRAFT_RESTORED]);
    }
}

/**
 * byline_document_lose_file:
 * @message: why the document's file cannot be reopened, in words for the writer
 *
 * Makes the document a new, unsaved one, keeping its text: its file no longer resolves (gone,
 * or no longer shared with Byline's sandbox). @message stays until the text is saved or
 * another file is loaded.
 */
void
byline_document_lose_file (BylineDocument *self,
                           const char     *message)
{
  g_return_if_fail (BYLINE_IS_DOCUMENT (self));
  g_return_if_fail (message != NULL);

  gtk_source_file_set_location (self->file, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
  set_lost_file (self, message);
}

/**
 * byline_document_get_lost_file:
 *
 * Returns: (nullable): why the file the document came from could not be reopened, until the
 *   document is saved, or %NULL
 */
const char *
byline_document_get_lost_file (BylineDocument *self)
{
  g_return_val_if_fail (BYLINE_IS_DOCUMENT (self), NULL);

  return self->lost_file;
}

static void
save_draft_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * byline_document_save_draft_async:
 * @self: a #BylineDocument
 * @draft: where the draft goes
 *
 * Writes a snapshot of the text to @draft, atomically, without touching the document's file
 * or its modified state.
 */
void
byline_document_save_draft_async (BylineDocument      *self,
                                  GFile               *draft,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GBytes) text = NULL;
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (BYLINE_IS_DOCUMENT (self));
  g_return_if_fail (G_IS_FILE (draft));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, byline_document_save_draft_async);

  /* Drafts are written while the writer types: taking 5 MB out of the buffer costs the main
   * thread 10-14 ms, copying the mirror well under one. */
  text = self->mirror ? byline_text_mirror_dup_bytes (self->mirror) : byline_document_dup_text (self);
  g_file_replace_contents_bytes_async (draft, text, NULL, FALSE,
                                       G_FILE_CREATE_PRIVATE | G_FILE_CREATE_REPLACE_DESTINATION,
                                       cancellable, save_draft_cb, g_steal_pointer (&task));
}

gboolean
byline_document_save_draft_finish (BylineDocument  *self,
                                   GAsyncResult    *result,
                                   GError         **error)
{
  g_return_val_if_fail (BYLINE_IS_DOCUMENT (self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * byline_document_get_encoding:
 *
 * Returns: (nullable): the character encoding the file was read in and is saved in, or %NULL
 *   for a document that was never loaded or saved (UTF-8)
 */
const GtkSourceEncoding *
byline_document_get_encoding (BylineDocument *self)
{
  g_return_val_if_fail (BYLINE_IS_DOCUMENT (self), NULL);

  return gtk_source_file_get_encoding (self->file);
}

/**
 * byline_document_get_source_file:
 *
 * Returns: (transfer none): the file's location, encoding and last known modification time
 */
GtkSourceFile *
byline_document_get_source_file (BylineDocument *self)
{
  g_return_val_if_fail (BYLINE_IS_DOCUMENT (self), NULL);

  return self->file;
}
