/* byline-session.c
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

#define G_LOG_DOMAIN "byline-session"

#include "config.h"

#include <glib/gi18n.h>

#include "byline-session.h"
#include "byline-window.h"

/*
 * Never lose a word. Every modified document is written as a draft to
 * $XDG_DATA_HOME/io.github.byline.Byline/drafts/ apart from the writer's own file, within
 * the `autosave-delay` setting of its first unsaved change, and again within that delay of
 * every later change while the writer keeps typing: the timer starts at a change and is not
 * pushed back by the next ones. The text is snapshotted on the main thread and written by
 * GIO's workers; one write per document runs at a time, and a change made during it starts
 * the next period. session.gvariant beside the drafts lists the windows and their documents:
 * file, draft, modified state and cursor. Both are replaced atomically, so a crash leaves
 * either the old or the new version. A draft is removed only when its document stops being
 * modified: saved, or its changes discarded.
 *
 * A saved article's draft is named after its file's URI (a SHA-256 of it), so opening the file
 * again by any way (the session, the command line, Open, Open Recent) finds it: a draft newer
 * than the file is restored over it, marked unsaved, with a notice that offers to discard it.
 * A new article's draft has a random name, found through the session file.
 *
 * The session file holds (u aa(ssbi)): a format version, then per window the documents'
 * file URI (or ""), draft id (or ""), modified state and cursor offset.
 *
 * In the Flatpak sandbox an article opened from outside what Byline may see comes through the
 * document portal, as /run/user/UID/doc/ID/name: the path stays the same across restarts while
 * the portal keeps the document, so the session stores it like any other. When a stored file
 * no longer resolves (the portal forgot it, or the file is gone), its draft is still restored,
 * as a new unsaved article that says which file it came from and why it could not be reopened.
 */

#define SESSION_DIR_NAME "io.github.byline.Byline"
#define SESSION_VERSION 1
#define SESSION_TYPE "(uaa(ssbi))"

/* Writing a draft takes a moment too, longer on a busy machine: it starts this much before the
 * delay runs out, so the draft is on disk within the delay. */
#define DRAFT_WRITE_MARGIN_MS 1000

struct _BylineSession
{
  GObject         parent_instance;

  /* Weak */
  GtkApplication *application;

  /* Owned references */
  GSettings      *settings;
  GFile          *drafts_dir;
  GFile          *session_file;
  GCancellable   *cancellable;
  GHashTable     *documents;

  guint           write_source;
  guint           writing : 1;
  guint           write_again : 1;
};

typedef struct
{
  BylineSession  *session;
  BylineDocument *document;
  int             cursor;
  guint           draft_source;
  /* The draft under another name that the next write replaces. */
  char           *stale_draft_id;
  guint           restoring : 1;
  guint           saving_draft : 1;
  guint           draft_again : 1;
  /* Let go by the session while its draft was being written: freed when the write ends. */
  guint           orphaned : 1;
} DocState;

G_DEFINE_FINAL_TYPE (BylineSession, byline_session, G_TYPE_OBJECT)

static void schedule_write (BylineSession *self);
static gboolean draft_timeout_cb (gpointer data);
static void schedule_draft (DocState *state);
static void doc_state_free (DocState *state);
static void document_loading_cb (DocState *state);

static GFile *
draft_file (BylineSession *self,
            const char    *draft_id)
{
  return g_file_get_child (self->drafts_dir, draft_id);
}

/* The name of @file's draft: the same in every session, so the file finds it. */
static char *
draft_id_for_file (GFile *file)
{
  g_autofree char *uri = g_file_get_uri (file);

  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, uri, -1);
}

/* The draft under the name the session gave it, once the file's own name holds the text. */
static void
delete_stale_draft (DocState *state)
{
  g_autoptr(GFile) stale = NULL;

  if (state->stale_draft_id == NULL)
    return;

  stale = draft_file (state->session, state->stale_draft_id);
  g_file_delete_async (stale, G_PRIORITY_DEFAULT, NULL, NULL, NULL);
  g_clear_pointer (&state->stale_draft_id, g_free);
}

static void
delete_draft (DocState *state)
{
  const char *draft_id = byline_document_get_draft_id (state->document);
  g_autoptr(GFile) file = NULL;

  if (draft_id == NULL)
    return;

  file = draft_file (state->session, draft_id);
  g_file_delete_async (file, G_PRIORITY_DEFAULT, NULL, NULL, NULL);
  byline_document_set_draft_id (state->document, NULL);
  schedule_write (state->session);

  delete_stale_draft (state);
}

static void
draft_saved_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  BylineDocument *document = BYLINE_DOCUMENT (object);
  DocState *state = user_data;
  g_autoptr(GError) error = NULL;

  state->saving_draft = FALSE;

  if (state->orphaned)
    {
      byline_document_save_draft_finish (document, result, NULL);
      doc_state_free (state);
      return;
    }

  if (!byline_document_save_draft_finish (document, result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not save a draft: %s", error->message);
      return;
    }

  delete_stale_draft (state);

  /* Saved or discarded while the draft was being written: it is not needed any more. */
  if (!gtk_text_buffer_get_modified (GTK_TEXT_BUFFER (document)))
    {
      g_clear_handle_id (&state->draft_source, g_source_remove);
      delete_draft (state);
    }
  /* Its period ran out during the write: the next one is due now. */
  else if (state->draft_again)
    {
      g_clear_handle_id (&state->draft_source, g_source_remove);
      draft_timeout_cb (state);
    }

  state->draft_again = FALSE;
  schedule_write (state->session);
}

static gboolean
draft_timeout_cb (gpointer data)
{
  DocState *state = data;
  BylineDocument *document = state->document;
  g_autoptr(GFile) file = NULL;

  state->draft_source = 0;

  if (state->restoring || !gtk_text_buffer_get_modified (GTK_TEXT_BUFFER (document)))
    return G_SOURCE_REMOVE;

  if (state->saving_draft)
    {
      state->draft_again = TRUE;
      return G_SOURCE_REMOVE;
    }

  /* A saved article's draft goes where opening the file looks for it, also when the session
   * named it otherwise. */
  if (byline_document_get_file (document) != NULL)
    {
      g_autofree char *id = draft_id_for_file (byline_document_get_file (document));

      if (g_strcmp0 (id, byline_document_get_draft_id (document)) != 0)
        {
          if (state->stale_draft_id == NULL)
            state->stale_draft_id = g_strdup (byline_document_get_draft_id (document));
          byline_document_set_draft_id (document, id);
          schedule_write (state->session);
        }
    }
  else if (byline_document_get_draft_id (document) == NULL)
    {
      g_autofree char *uuid = g_uuid_string_random ();

      byline_document_set_draft_id (document, uuid);
      schedule_write (state->session);
    }

  file = draft_file (state->session, byline_document_get_draft_id (document));
  state->saving_draft = TRUE;
  byline_document_save_draft_async (document, file, state->session->cancellable,
                                    draft_saved_cb, state);

  return G_SOURCE_REMOVE;
}

/* Starts the period at the end of which the text is written, unless one runs already: a writer
 * who never pauses still gets a draft every period. */
static void
schedule_draft (DocState *state)
{
  guint delay, interval;

  /* Most keystrokes: a period runs already. */
  if (state->draft_source != 0)
    return;

  delay = g_settings_get_uint (state->session->settings, "autosave-delay");
  interval = MAX (MAX (delay, 1) * 1000, 2 * DRAFT_WRITE_MARGIN_MS) - DRAFT_WRITE_MARGIN_MS;
  state->draft_source = g_timeout_add (interval, draft_timeout_cb, state);
}

static void
document_changed_cb (DocState *state)
{
  schedule_draft (state);
}

static void
document_modified_changed_cb (DocState *state)
{
  if (state->restoring)
    return;

  if (gtk_text_buffer_get_modified (GTK_TEXT_BUFFER (state->document)))
    {
      schedule_draft (state);
    }
  else
    {
      g_clear_handle_id (&state->draft_source, g_source_remove);
      if (!state->saving_draft)
        delete_draft (state);
    }

  schedule_write (state->session);
}

static void
document_moved_cb (DocState *state)
{
  int cursor = 0;

  /* Loading and restoring move it; the session's cursor is put back at the end. */
  if (state->restoring)
    return;

  g_object_get (state->document, "cursor-position", &cursor, NULL);
  if (cursor == state->cursor)
    return;

  state->cursor = cursor;
  schedule_write (state->session);
}

static void
doc_state_free (DocState *state)
{
  g_clear_handle_id (&state->draft_source, g_source_remove);

  /* The write's callback still holds @state: it frees it. */
  if (state->saving_draft)
    {
      state->orphaned = TRUE;
      return;
    }

  g_free (state->stale_draft_id);
  g_free (state);
}

static void
document_finalized_cb (gpointer  data,
                       GObject  *where_the_object_was)
{
  DocState *state = data;
  BylineSession *self = state->session;

  g_hash_table_remove (self->documents, where_the_object_was);
  schedule_write (self);
}

static GVariant *
snapshot (BylineSession *self)
{
  g_autoptr(GList) windows = NULL;
  GVariantBuilder builder;
  gboolean any = FALSE;

  windows = g_list_reverse (g_list_copy (gtk_application_get_windows (self->application)));

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("aa(ssbi)"));
  for (GList *iter = windows; iter; iter = iter->next)
    {
      g_autoptr(GPtrArray) documents = NULL;

      if (!BYLINE_IS_WINDOW (iter->data))
        continue;

      documents = byline_window_dup_documents (iter->data);
      g_variant_builder_open (&builder, G_VARIANT_TYPE ("a(ssbi)"));
      for (guint i = 0; i < documents->len; i++)
        {
          BylineDocument *document = g_ptr_array_index (documents, i);
          GFile *file = byline_document_get_file (document);
          g_autofree char *uri = file ? g_file_get_uri (file) : g_strdup ("");
          const char *draft_id = byline_document_get_draft_id (document);
          int cursor = 0;

          g_object_get (document, "cursor-position", &cursor, NULL);
          g_variant_builder_add (&builder, "(ssbi)", uri, draft_id ? draft_id : "",
                                 gtk_text_buffer_get_modified (GTK_TEXT_BUFFER (document)),
                                 cursor);
        }
      g_variant_builder_close (&builder);
      any = TRUE;
    }

  if (!any)
    {
      g_variant_builder_clear (&builder);
      return NULL;
    }

  return g_variant_ref_sink (g_variant_new ("(u@aa(ssbi))", SESSION_VERSION,
                                            g_variant_builder_end (&builder)));
}

static gboolean write_cb (gpointer data);

static void
written_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(BylineSession) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (object), result, NULL, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Could not save the session: %s", error->message);

  self->writing = FALSE;
  if (self->write_again)
    {
      self->write_again = FALSE;
      schedule_write (self);
    }
}

static gboolean
write_cb (gpointer data)
{
  BylineSession *self = data;
  g_autoptr(GVariant) session = NULL;
  g_autoptr(GBytes) bytes = NULL;

  self->write_source = 0;

  if (self->writing)
    {
      self->write_again = TRUE;
      return G_SOURCE_REMOVE;
    }

  /* The last window is closing: keep what it showed for the next start. */
  if (self->application == NULL || !(session = snapshot (self)))
    return G_SOURCE_REMOVE;

  bytes = g_variant_get_data_as_bytes (session);
  self->writing = TRUE;
  g_file_replace_contents_bytes_async (self->session_file, bytes, NULL, FALSE,
                                       G_FILE_CREATE_PRIVATE | G_FILE_CREATE_REPLACE_DESTINATION,
                                       self->cancellable, written_cb, g_object_ref (self));

  return G_SOURCE_REMOVE;
}

static void
schedule_write (BylineSession *self)
{
  if (self->write_source == 0)
    self->write_source = g_timeout_add (250, write_cb, self);
}

static void
byline_session_dispose (GObject *object)
{
  BylineSession *self = BYLINE_SESSION (object);
  GHashTableIter iter;
  gpointer document;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->write_source, g_source_remove);

  g_hash_table_iter_init (&iter, self->documents);
  while (g_hash_table_iter_next (&iter, &document, NULL))
    {
      DocState *state = g_hash_table_lookup (self->documents, document);

      g_signal_handlers_disconnect_by_data (document, state);
      g_signal_handlers_disconnect_by_data (document, self);
      g_object_weak_unref (document, document_finalized_cb, state);
    }
  g_hash_table_remove_all (self->documents);

  G_OBJECT_CLASS (byline_session_parent_class)->dispose (object);
}

static void
byline_session_finalize (GObject *object)
{
  BylineSession *self = BYLINE_SESSION (object);

  g_clear_weak_pointer (&self->application);
  g_clear_object (&self->settings);
  g_clear_object (&self->drafts_dir);
  g_clear_object (&self->session_file);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->documents, g_hash_table_unref);

  G_OBJECT_CLASS (byline_session_parent_class)->finalize (object);
}

static void
byline_session_class_init (BylineSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = byline_session_dispose;
  object_class->finalize = byline_session_finalize;
}

static void
byline_session_init (BylineSession *self)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), SESSION_DIR_NAME, NULL);
  g_autofree char *drafts = g_build_filename (dir, "drafts", NULL);
  g_autofree char *session = g_build_filename (dir, "session.gvariant", NULL);

  if (g_mkdir_with_parents (drafts, 0700) != 0)
    g_warning ("Could not create %s: %s", drafts, g_strerror (errno));

  self->settings = g_settings_new (BASE_ID);
  self->drafts_dir = g_file_new_for_path (drafts);
  self->session_file = g_file_new_for_path (session);
  self->cancellable = g_cancellable_new ();
  self->documents = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify)doc_state_free);
}

/* A window's first document exists before the window joins the application. */
static void
window_added_cb (BylineSession *self,
                 GtkWindow     *window)
{
  g_autoptr(GPtrArray) documents = NULL;

  if (!BYLINE_IS_WINDOW (window))
    return;

  documents = byline_window_dup_documents (BYLINE_WINDOW (window));
  for (guint i = 0; i < documents->len; i++)
    byline_session_add_document (self, g_ptr_array_index (documents, i));
}

/**
 * byline_session_new:
 * @application: the application whose windows are saved
 */
BylineSession *
byline_session_new (GtkApplication *application)
{
  BylineSession *self;

  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);

  self = g_object_new (BYLINE_TYPE_SESSION, NULL);
  g_set_weak_pointer (&self->application, application);
  g_signal_connect_object (application, "window-added",
                           G_CALLBACK (window_added_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (application, "window-removed",
                           G_CALLBACK (schedule_write), self, G_CONNECT_SWAPPED);

  return self;
}

/**
 * byline_session_add_document:
 *
 * Starts keeping drafts of @document, until it is finalized.
 */
void
byline_session_add_document (BylineSession  *self,
                             BylineDocument *document)
{
  DocState *state;

  g_return_if_fail (BYLINE_IS_SESSION (self));
  g_return_if_fail (BYLINE_IS_DOCUMENT (document));

  if (g_hash_table_contains (self->documents, document))
    return;

  state = g_new0 (DocState, 1);
  state->session = self;
  state->document = document;
  g_hash_table_insert (self->documents, document, state);
  g_object_weak_ref (G_OBJECT (document), document_finalized_cb, state);

  g_signal_connect_swapped (document, "changed", G_CALLBACK (document_changed_cb), state);
  g_signal_connect_swapped (document, "modified-changed",
                            G_CALLBACK (document_modified_changed_cb), state);
  g_signal_connect_swapped (document, "notify::cursor-position",
                            G_CALLBACK (document_moved_cb), state);
  g_signal_connect_swapped (document, "notify::file", G_CALLBACK (schedule_write), self);
  g_signal_connect_swapped (document, "notify::loading", G_CALLBACK (document_loading_cb), state);

  schedule_write (self);
}

/* Restoring */

/*
 * Puts a draft's text over the file's just loaded, as one step that Undo takes back, marks it
 * unsaved and has the page say so. The cursor goes to the first change. Returns %FALSE, and
 * changes nothing, when the draft holds the text shown.
 */
static gboolean
show_draft_over_file (DocState   *state,
                      const char *contents,
                      gsize       length)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (state->document);
  g_autoptr(GBytes) shown = byline_document_dup_text (state->document);
  gsize shown_length = 0;
  const char *text = g_bytes_get_data (shown, &shown_length);
  GtkTextIter begin, end, cursor;
  gsize same = 0;

  while (same < length && same < shown_length && text[same] == contents[same])
    same++;
  if (same == length && same == shown_length)
    return FALSE;
  while (same > 0 && (contents[same] & 0xC0) == 0x80)
    same--;

  /* Not gtk_text_buffer_set_text(), which cannot be undone. */
  gtk_text_buffer_begin_user_action (buffer);
  gtk_text_buffer_get_bounds (buffer, &begin, &end);
  gtk_text_buffer_delete (buffer, &begin, &end);
  gtk_text_buffer_insert (buffer, &begin, contents, length);
  gtk_text_buffer_end_user_action (buffer);
  gtk_text_buffer_set_modified (buffer, TRUE);
  gtk_text_buffer_get_iter_at_offset (buffer, &cursor, g_utf8_strlen (contents, same));
  gtk_text_buffer_place_cursor (buffer, &cursor);
  byline_document_set_draft_restored (state->document, TRUE);

  return TRUE;
}

/* @over_file: whether the document's file was loaded, so the draft is shown over it. */
static void
apply_draft (DocState *state,
             gboolean  over_file)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (state->document);
  const char *draft_id = byline_document_get_draft_id (state->document);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  GtkTextIter cursor;
  gsize length = 0;

  if (draft_id != NULL)
    {
      g_autoptr(GFile) file = draft_file (state->session, draft_id);

      if (g_file_load_contents (file, NULL, &contents, &length, NULL, &error) &&
          g_utf8_validate_len (contents, length, NULL))
        {
          if (over_file)
            {
              if (!show_draft_over_file (state, contents, length))
                delete_draft (state);
            }
          else
            {
              gtk_text_buffer_begin_irreversible_action (buffer);
              gtk_text_buffer_set_text (buffer, contents, length);
              gtk_text_buffer_end_irreversible_action (buffer);
              gtk_text_buffer_set_modified (buffer, TRUE);
            }
        }
      else
        {
          /* The session names a draft before its first write ends. */
          if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
            g_warning ("Could not read the draft %s: %s", draft_id, error->message);
          byline_document_set_draft_id (state->document, NULL);
        }
    }

  gtk_text_buffer_get_iter_at_offset (buffer, &cursor, state->cursor);
  gtk_text_buffer_place_cursor (buffer, &cursor);
  state->restoring = FALSE;

  /* Keep the draft fresh and the session file in step with what is shown now. */
  if (gtk_text_buffer_get_modified (buffer))
    schedule_draft (state);
  schedule_write (state->session);
}

/* Why @file could not be reopened, for the writer; @kept says whether unsaved text was. */
static char *
describe_lost_file (GFile        *file,
                    const GError *error,
                    gboolean      kept)
{
  g_autofree char *name = g_file_get_parse_name (file);
  g_autofree char *reason = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    reason = g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS)
               ? g_strdup (_("it is gone, or no longer shared with Byline’s sandbox"))
               : g_strdup (_("it is gone"));
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED))
    reason = g_strdup (_("Byline is not allowed to read it"));
  else
    reason = g_strdup (error->message);

  if (kept)
    /* Translators: the first %s is a file, the second why it cannot be opened */
    return g_strdup_printf (_("“%s” could not be reopened: %s. Its unsaved changes are kept "
                              "here; save them under a name to keep them."), name, reason);

  /* Translators: the first %s is a file, the second why it cannot be opened */
  return g_strdup_printf (_("“%s” could not be reopened: %s."), name, reason);
}

static void
restore_loaded_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  BylineDocument *document = BYLINE_DOCUMENT (object);
  g_autoptr(BylineSession) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  DocState *state;
  gboolean loaded;

  loaded = byline_document_load_finish (document, result, &error);
  if (!(state = g_hash_table_lookup (self->documents, document)))
    return;

  if (loaded || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      apply_draft (state, loaded);
      return;
    }

  /* A file that no longer resolves still has its draft: the text comes back as a new
   * article, which says where it came from and why that could not be reopened. */
  file = g_object_ref (byline_document_get_file (document));
  apply_draft (state, FALSE);
  {
    gboolean kept = gtk_text_buffer_get_modified (GTK_TEXT_BUFFER (document));
    g_autofree char *message = describe_lost_file (file, error, kept);

    g_message ("Could not reopen %s: %s", g_file_peek_path (file), error->message);
    byline_document_lose_file (document, message);
  }
}

/* Opening a file: its draft, if one is newer than the file */

typedef struct
{
  BylineSession  *session;
  BylineDocument *document;
  GFile          *file;
  GFile          *draft;
  GDateTime      *draft_time;
} DraftLookup;

static void
draft_lookup_free (DraftLookup *lookup)
{
  g_clear_object (&lookup->session);
  g_clear_object (&lookup->document);
  g_clear_object (&lookup->file);
  g_clear_object (&lookup->draft);
  g_clear_pointer (&lookup->draft_time, g_date_time_unref);
  g_free (lookup);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DraftLookup, draft_lookup_free)

static void
found_draft_read_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(DraftLookup) lookup = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  GFile *file = byline_document_get_file (lookup->document);
  gboolean loading = FALSE;
  gsize length = 0;
  DocState *state;

  if (!g_file_load_contents_finish (G_FILE (object), result, &contents, &length, NULL, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
          !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        g_warning ("Could not read the draft of %s: %s", g_file_peek_path (lookup->file),
                   error->message);
      return;
    }

  /* Closed, or another file loaded into it meanwhile. */
  g_object_get (lookup->document, "loading", &loading, NULL);
  state = g_hash_table_lookup (lookup->session->documents, lookup->document);
  if (state == NULL || state->restoring || loading || file == NULL ||
      !g_file_equal (file, lookup->file))
    return;

  if (!g_utf8_validate_len (contents, length, NULL))
    {
      g_warning ("The draft of %s is not UTF-8; it was left alone", g_file_peek_path (file));
      return;
    }

  if (show_draft_over_file (state, contents, length))
    {
      g_autofree char *id = draft_id_for_file (file);

      byline_document_set_draft_id (lookup->document, id);
      schedule_write (lookup->session);
    }
  else if (!gtk_text_buffer_get_modified (GTK_TEXT_BUFFER (lookup->document)))
    {
      /* Saved just before a crash, before the draft was removed. */
      g_file_delete_async (lookup->draft, G_PRIORITY_DEFAULT, NULL, NULL, NULL);
    }
}

static void
file_time_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(DraftLookup) lookup = user_data;
  g_autoptr(GFileInfo) info = g_file_query_info_finish (G_FILE (object), result, NULL);
  g_autoptr(GDateTime) file_time = NULL;
  GCancellable *cancellable = lookup->session->cancellable;
  GFile *draft = lookup->draft;

  /* Saved after the draft was written (a crash between the save and the draft's removal, or
   * another program): the file is the newer text, and the draft is left as it is. */
  if (info != NULL && (file_time = g_file_info_get_modification_date_time (info)) != NULL &&
      g_date_time_compare (file_time, lookup->draft_time) >= 0)
    return;

  g_file_load_contents_async (draft, cancellable, found_draft_read_cb, g_steal_pointer (&lookup));
}

static void
draft_time_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(DraftLookup) lookup = user_data;
  g_autoptr(GFileInfo) info = g_file_query_info_finish (G_FILE (object), result, NULL);
  GCancellable *cancellable = lookup->session->cancellable;
  GFile *file = lookup->file;

  /* Most files have no draft. */
  if (info == NULL || !(lookup->draft_time = g_file_info_get_modification_date_time (info)))
    return;

  g_file_query_info_async (file,
                           G_FILE_ATTRIBUTE_TIME_MODIFIED "," G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC,
                           G_FILE_QUERY_INFO_NONE, G_PRIORITY_DEFAULT,
                           cancellable, file_time_cb, g_steal_pointer (&lookup));
}

/* A file was loaded into a document other than by restoring the session: look for its draft. */
static void
document_loading_cb (DocState *state)
{
  GFile *file = byline_document_get_file (state->document);
  g_autofree char *id = NULL;
  DraftLookup *lookup;
  gboolean loading = FALSE;

  g_object_get (state->document, "loading", &loading, NULL);
  if (loading || state->restoring || file == NULL)
    return;

  id = draft_id_for_file (file);
  lookup = g_new0 (DraftLookup, 1);
  lookup->session = g_object_ref (state->session);
  lookup->document = g_object_ref (state->document);
  lookup->file = g_object_ref (file);
  lookup->draft = draft_file (state->session, id);
  g_file_query_info_async (lookup->draft,
                           G_FILE_ATTRIBUTE_TIME_MODIFIED "," G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC,
                           G_FILE_QUERY_INFO_NONE, G_PRIORITY_DEFAULT,
                           state->session->cancellable, draft_time_cb, lookup);
}

static void
restore_document (BylineSession  *self,
                  BylineDocument *document,
                  const char     *uri,
                  const char     *draft_id,
                  int             cursor)
{
  DocState *state;

  byline_session_add_document (self, document);
  state = g_hash_table_lookup (self->documents, document);
  state->restoring = TRUE;
  state->cursor = cursor;
  byline_document_set_draft_id (document, draft_id[0] ? draft_id : NULL);

  if (uri[0] != '\0')
    {
      g_autoptr(GFile) file = g_file_new_for_uri (uri);

      byline_document_load_async (document, file, self->cancellable,
                                  restore_loaded_cb, g_object_ref (self));
    }
  else
    {
      apply_draft (state, FALSE);
    }
}

/* Whether the stored windows hold a document with unsaved text: the last session ended in a
 * crash (a closing window asks about unsaved changes first). */
static gboolean
holds_unsaved (GVariant *session)
{
  g_autoptr(GVariant) windows = g_variant_get_child_value (session, 1);
  GVariantIter iter;
  GVariant *documents;

  g_variant_iter_init (&iter, windows);
  while ((documents = g_variant_iter_next_value (&iter)))
    {
      g_autoptr(GVariant) these = documents;
      GVariantIter each;
      const char *uri, *draft_id;
      gboolean modified;
      int cursor;

      g_variant_iter_init (&each, these);
      while (g_variant_iter_next (&each, "(&s&sbi)", &uri, &draft_id, &modified, &cursor))
        if (modified && draft_id[0] != '\0')
          return TRUE;
    }

  return FALSE;
}

static gboolean
restore (BylineSession *self,
         gboolean       only_unsaved)
{
  g_autoptr(GVariant) session = NULL;
  g_autoptr(GVariant) stored = NULL;
  g_autoptr(GBytes) data = NULL;
  g_autoptr(GVariantIter) windows = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  GVariantIter *documents;
  gboolean restored = FALSE;
  gsize length = 0;
  guint version = 0;

  if (!g_file_load_contents (self->session_file, NULL, &contents, &length, NULL, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        g_warning ("Could not read the session: %s", error->message);
      return FALSE;
    }

  data = g_bytes_new_take (g_steal_pointer (&contents), length);
  stored = g_variant_ref_sink (g_variant_new_from_bytes (G_VARIANT_TYPE (SESSION_TYPE), data, FALSE));
  /* A truncated or corrupt file reads as defaults instead of crashing. */
  session = g_variant_get_normal_form (stored);
  g_variant_get (session, "(uaa(ssbi))", &version, &windows);
  if (version != SESSION_VERSION || (only_unsaved && !holds_unsaved (session)))
    return FALSE;

  while (g_variant_iter_next (windows, "a(ssbi)", &documents))
    {
      BylineWindow *window = NULL;
      const char *uri, *draft_id;
      gboolean modified;
      int cursor;

      while (g_variant_iter_next (documents, "(&s&sbi)", &uri, &draft_id, &modified, &cursor))
        {
          g_autoptr(BylineDocument) document = NULL;

          if (uri[0] == '\0' && draft_id[0] == '\0')
            continue;

          if (window == NULL)
            {
              window = byline_window_new (self->application);
              document = g_object_ref (byline_page_get_document (byline_window_get_page (window)));
            }
          else
            {
              byline_window_add_document (window, (document = byline_document_new ()));
            }

          restore_document (self, document, uri, draft_id, cursor);
        }
      g_variant_iter_free (documents);

      if (window != NULL)
        {
          gtk_window_present (GTK_WINDOW (window));
          restored = TRUE;
        }
    }

  return restored;
}

/**
 * byline_session_restore:
 *
 * Opens the windows and documents of the last session, with their unsaved text.
 *
 * Returns: whether a window was opened
 */
gboolean
byline_session_restore (BylineSession *self)
{
  g_return_val_if_fail (BYLINE_IS_SESSION (self), FALSE);

  return restore (self, FALSE);
}

/**
 * byline_session_restore_unsaved:
 *
 * Like byline_session_restore(), but only when the last session ended with unsaved text (a
 * crash): opening a file then must not leave the other drafts out of reach.
 *
 * Returns: whether a window was opened
 */
gboolean
byline_session_restore_unsaved (BylineSession *self)
{
  g_return_val_if_fail (BYLINE_IS_SESSION (self), FALSE);

  return restore (self, TRUE);
}
