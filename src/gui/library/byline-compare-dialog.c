/* byline-compare-dialog.c
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

#define G_LOG_DOMAIN "byline-compare-dialog"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "byline-compare-dialog.h"
#include "byline-front-matter.h"
#include "byline-library.h"
#include "byline-record.h"
#include "byline-record-diff.h"
#include "byline-validator.h"

/*
 * Compare With Published: the article against its published record, field by field and
 * the body word by word, inline. Alt+Down and Alt+Up step from change to change; each
 * change, and each field, can be put back to its published version, or all at once. Every
 * revert is one undoable edit of the article's buffer.
 */

typedef struct
{
  int   view_start;   /* in the comparison's buffer, characters */
  int   view_end;
  int   ours_start;   /* in the article's body, characters */
  int   ours_end;
  char *theirs;       /* the published words this change replaced */
} Change;

struct _BylineCompareDialog
{
  AdwDialog            parent_instance;

  BylineDocument      *document;
  BylineAccount       *account;
  GCancellable        *cancellable;
  JsonObject          *answer;
  BylineMetadata      *theirs;
  char                *their_body;
  GArray              *changes;
  GPtrArray           *field_rows;
  BylineLibrary       *library;
  int                  body_offset;  /* where the body starts in the article, characters */
  int                  body_length;
  int                  current;
  guint                n_fields;
  guint                refresh_id;

  GtkStack            *stack;
  AdwStatusPage       *status_page;
  AdwPreferencesGroup *fields_group;
  GtkTextView         *view;
  GtkLabel            *position_label;
};

G_DEFINE_FINAL_TYPE (BylineCompareDialog, byline_compare_dialog, ADW_TYPE_DIALOG)

static void
change_clear (Change *change)
{
  g_free (change->theirs);
}

static void
actions_update (BylineCompareDialog *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  guint n = self->changes->len;
  gboolean loaded = self->answer != NULL && self->theirs != NULL;

  gtk_widget_action_set_enabled (widget, "compare.next", loaded && n > 0 && self->current + 1 < (int) n);
  gtk_widget_action_set_enabled (widget, "compare.previous", loaded && n > 0 && self->current > 0);
  gtk_widget_action_set_enabled (widget, "compare.revert", loaded && self->current >= 0);
  gtk_widget_action_set_enabled (widget, "compare.revert-all", loaded && (n > 0 || self->n_fields > 0));

  if (!loaded || n == 0)
    gtk_label_set_text (self->position_label, loaded ? _("The body is as published") : "");
  else if (self->current < 0)
    {
      /* Translators: how many changes the body has */
      g_autofree char *text = g_strdup_printf (ngettext ("%u change", "%u changes", n), n);
      gtk_label_set_text (self->position_label, text);
    }
  else
    {
      /* Translators: the change shown, of how many */
      g_autofree char *text = g_strdup_printf (_("Change %d of %u"), self->current + 1, n);
      gtk_label_set_text (self->position_label, text);
    }
}

/* The field a record member is written from in the front matter, or -1. */
static int
member_field (const char *member)
{
  static const struct { const char *member; BylineMetadataField field; } map[] = {
    { "title", BYLINE_METADATA_FIELD_TITLE },
    { "description", BYLINE_METADATA_FIELD_DESCRIPTION },
    { "site", BYLINE_METADATA_FIELD_SITE },
    { "path", BYLINE_METADATA_FIELD_PATH },
    { "coverImage", BYLINE_METADATA_FIELD_COVER_IMAGE },
    { "publishedAt", BYLINE_METADATA_FIELD_PUBLISHED_AT },
    { "updatedAt", BYLINE_METADATA_FIELD_UPDATED_AT },
  };

  for (guint i = 0; i < G_N_ELEMENTS (map); i++)
    if (g_str_equal (member, map[i].member))
      return map[i].field;

  return -1;
}

static gboolean
member_revertible (const char *member)
{
  return member_field (member) >= 0 || g_str_equal (member, "tags");
}

static void refresh (BylineCompareDialog *self);

/* The document's metadata is read again only after its next render: the fields are
 * written back from the front matter as the text holds it now (after an undo, say). */
static void
sync_metadata (BylineCompareDialog *self)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->document);
  g_autoptr(BylineMetadata) metadata = NULL;
  g_autofree char *text = NULL;
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
  metadata = byline_front_matter_parse (text, strlen (text), NULL, NULL);
  if (metadata != NULL)
    _byline_document_apply_render (self->document, metadata, NULL);
}

static void
revert_field_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  BylineCompareDialog *self = BYLINE_COMPARE_DIALOG (widget);
  const char *member = g_variant_get_string (param, NULL);
  int field = member_field (member);

  if (self->theirs == NULL || !member_revertible (member))
    return;

  sync_metadata (self);
  if (field >= 0)
    byline_document_set_field (self->document, field, byline_metadata_get_string (self->theirs, field));
  else
    byline_document_set_tags (self->document, byline_metadata_get_tags (self->theirs));
  refresh (self);
}

static void
add_field_row (BylineCompareDialog *self,
               BylineFieldChange   *change)
{
  GtkWidget *row = adw_action_row_new ();
  /* Translators: a field's values, published and in the article */
  g_autofree char *subtitle = g_strdup_printf (_("Published: %s\nHere: %s"),
                                               change->theirs ? change->theirs : _("(none)"),
                                               change->ours ? change->ours : _("(none)"));
  g_autofree char *escaped = g_markup_escape_text (subtitle, -1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), change->member);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped);
  if (member_revertible (change->member))
    {
      GtkWidget *button = gtk_button_new_with_mnemonic (_("_Revert"));

      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (button, _("Put back the published value"));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "compare.revert-field");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", change->member);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }
  adw_preferences_group_add (self->fields_group, row);
  g_ptr_array_add (self->field_rows, row);
}

static void
select_change (BylineCompareDialog *self,
               int                  index)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->view);

  self->current = index;
  if (index >= 0)
    {
      Change *change = &g_array_index (self->changes, Change, index);
      GtkTextIter start, end;

      gtk_text_buffer_get_iter_at_offset (buffer, &start, change->view_start);
      gtk_text_buffer_get_iter_at_offset (buffer, &end, change->view_end);
      gtk_text_buffer_select_range (buffer, &start, &end);
      gtk_text_view_scroll_to_iter (self->view, &start, 0.1, FALSE, 0, 0);
    }
  actions_update (self);
}

static void
show_error (BylineCompareDialog *self,
            const char          *message)
{
  adw_status_page_set_title (self->status_page, _("Could Not Compare"));
  adw_status_page_set_description (self->status_page, message);
  gtk_stack_set_visible_child_name (self->stack, "status");
  actions_update (self);
}

static void
close_change (BylineCompareDialog *self,
              Change              *open,
              GString             *theirs,
              int                  view_end,
              int                  ours_end)
{
  open->view_end = view_end;
  open->ours_end = ours_end;
  open->theirs = g_strdup (theirs->str);
  g_array_append_val (self->changes, *open);
  g_string_truncate (theirs, 0);
  open->view_start = -1;
}

/* Compares the article as it is now with the fetched record. */
static void
refresh (BylineCompareDialog *self)
{
  GtkTextBuffer *source = GTK_TEXT_BUFFER (self->document);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->view);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) byline_problem_free);
  g_autoptr(BylineMetadata) metadata = NULL;
  g_autoptr(GPtrArray) fields = NULL;
  g_autoptr(GPtrArray) chunks = NULL;
  g_autoptr(JsonNode) ours = NULL;
  g_autoptr(GFile) base_dir = NULL;
  g_autoptr(GString) theirs = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  GFile *file = byline_document_get_file (self->document);
  GtkTextIter start, end;
  Change open = { -1, };
  int view_pos = 0, ours_pos = 0;
  gsize length, offset = 0;

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (self->answer == NULL || self->theirs == NULL)
    return;

  gtk_text_buffer_get_bounds (source, &start, &end);
  text = gtk_text_buffer_get_text (source, &start, &end, TRUE);
  length = strlen (text);
  metadata = byline_front_matter_parse (text, length, &offset, &error);
  if (metadata == NULL)
    {
      show_error (self, error->message);
      return;
    }
  self->body_offset = g_utf8_strlen (text, offset);
  self->body_length = g_utf8_strlen (text + offset, -1);

  /* The fields, as the record the article would publish has them. */
  if (file != NULL)
    base_dir = g_file_get_parent (file);
  ours = byline_record_build (metadata, text + offset, length - offset, base_dir,
                              BYLINE_RECORD_EXPORT_DEFAULT, problems);
  for (guint i = 0; i < self->field_rows->len; i++)
    adw_preferences_group_remove (self->fields_group, g_ptr_array_index (self->field_rows, i));
  g_ptr_array_set_size (self->field_rows, 0);
  self->n_fields = 0;
  fields = byline_record_diff_fields (json_node_get_object (ours),
                                      json_object_get_object_member (self->answer, "value"));
  for (guint i = 0; i < fields->len; i++)
    {
      BylineFieldChange *change = g_ptr_array_index (fields, i);

      /* The body is compared below, word by word. */
      if (g_str_equal (change->member, "content") || g_str_equal (change->member, "textContent"))
        continue;
      add_field_row (self, change);
      self->n_fields++;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->fields_group), self->n_fields > 0);

  /* The body, inline: the changes are runs of removed and added words. */
  g_array_set_size (self->changes, 0);
  gtk_text_buffer_set_text (buffer, "", 0);
  chunks = byline_word_diff (self->their_body, text + offset);
  for (guint i = 0; i < chunks->len; i++)
    {
      BylineWordDiffChunk *chunk = g_ptr_array_index (chunks, i);
      int n = g_utf8_strlen (chunk->text, -1);

      if (chunk->kind == BYLINE_WORD_DIFF_SAME)
        {
          if (open.view_start >= 0)
            close_change (self, &open, theirs, view_pos, ours_pos);
          gtk_text_buffer_get_end_iter (buffer, &end);
          gtk_text_buffer_insert (buffer, &end, chunk->text, -1);
          ours_pos += n;
        }
      else
        {
          if (open.view_start < 0)
            {
              open.view_start = view_pos;
              open.ours_start = ours_pos;
            }
          gtk_text_buffer_get_end_iter (buffer, &end);
          if (chunk->kind == BYLINE_WORD_DIFF_REMOVED)
            {
              gtk_text_buffer_insert_with_tags_by_name (buffer, &end, chunk->text, -1, "removed", NULL);
              g_string_append (theirs, chunk->text);
            }
          else
            {
              gtk_text_buffer_insert_with_tags_by_name (buffer, &end, chunk->text, -1, "added", NULL);
              ours_pos += n;
            }
        }
      view_pos += n;
    }
  if (open.view_start >= 0)
    close_change (self, &open, theirs, view_pos, ours_pos);

  gtk_stack_set_visible_child_name (self->stack, "compare");
  if (self->changes->len == 0 && self->n_fields == 0)
    gtk_widget_set_visible (GTK_WIDGET (self->fields_group), FALSE);
  select_change (self, MIN (self->current, (int) self->changes->len - 1));
  if (self->changes->len == 0 && self->n_fields == 0)
    gtk_label_set_text (self->position_label, _("The article is as published"));
}

static gboolean
refresh_cb (gpointer data)
{
  BylineCompareDialog *self = data;

  self->refresh_id = 0;
  refresh (self);

  return G_SOURCE_REMOVE;
}

static void
document_changed_cb (BylineCompareDialog *self)
{
  if (self->refresh_id == 0)
    self->refresh_id = g_idle_add (refresh_cb, self);
}

/* Offsets are only good for the text they were read from. */
static void
refresh_if_stale (BylineCompareDialog *self)
{
  if (self->refresh_id != 0)
    refresh (self);
}

static void
replace_in_body (BylineCompareDialog *self,
                 int                  start,
                 int                  end,
                 const char          *text)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->document);
  GtkTextIter start_iter, end_iter;

  gtk_text_buffer_get_iter_at_offset (buffer, &start_iter, self->body_offset + start);
  gtk_text_buffer_get_iter_at_offset (buffer, &end_iter, self->body_offset + end);
  gtk_text_buffer_delete (buffer, &start_iter, &end_iter);
  gtk_text_buffer_insert (buffer, &start_iter, text, -1);
}

static void
step_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  BylineCompareDialog *self = BYLINE_COMPARE_DIALOG (widget);
  int step = g_str_equal (action_name, "compare.next") ? 1 : -1;
  int index = self->current + step;

  refresh_if_stale (self);
  if (index >= 0 && index < (int) self->changes->len)
    select_change (self, index);
}

static void
revert_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  BylineCompareDialog *self = BYLINE_COMPARE_DIALOG (widget);
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->document);
  Change *change;

  refresh_if_stale (self);
  if (self->current < 0 || self->current >= (int) self->changes->len)
    return;

  change = &g_array_index (self->changes, Change, self->current);
  gtk_text_buffer_begin_user_action (buffer);
  replace_in_body (self, change->ours_start, change->ours_end, change->theirs);
  gtk_text_buffer_end_user_action (buffer);
  refresh (self);
}

static void
revert_all_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  BylineCompareDialog *self = BYLINE_COMPARE_DIALOG (widget);
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->document);
  g_autoptr(GPtrArray) members = g_ptr_array_new_with_free_func (g_free);

  refresh_if_stale (self);
  if (self->theirs == NULL)
    return;

  for (guint i = 0; i < self->field_rows->len; i++)
    {
      const char *member = adw_preferences_row_get_title (g_ptr_array_index (self->field_rows, i));

      if (member_revertible (member))
        g_ptr_array_add (members, g_strdup (member));
    }

  sync_metadata (self);

  /* The body first, while its offsets hold, then the front matter above it: one edit. */
  gtk_text_buffer_begin_user_action (buffer);
  if (self->changes->len > 0)
    replace_in_body (self, 0, self->body_length, self->their_body);
  for (guint i = 0; i < members->len; i++)
    {
      const char *member = g_ptr_array_index (members, i);
      int field = member_field (member);

      if (field >= 0)
        byline_document_set_field (self->document, field, byline_metadata_get_string (self->theirs, field));
      else
        byline_document_set_tags (self->document, byline_metadata_get_tags (self->theirs));
    }
  gtk_text_buffer_end_user_action (buffer);
  refresh (self);
}

static void
fetch_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(BylineCompareDialog) self = user_data;
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(GError) error = NULL;

  answer = byline_library_fetch_finish (BYLINE_LIBRARY (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (answer != NULL)
    self->theirs = byline_library_record_to_article (answer, &self->their_body, NULL, &error);
  if (answer == NULL || self->theirs == NULL)
    {
      show_error (self, error->message);
      return;
    }

  self->answer = g_steal_pointer (&answer);
  refresh (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->view));
}

static void
fetch (BylineCompareDialog *self)
{
  g_autoptr(BylineXrpcClient) client = byline_account_dup_client (self->account);
  const char *uri = byline_metadata_get_record_uri (byline_document_get_metadata (self->document));

  if (uri == NULL)
    {
      show_error (self, _("The article names no published record."));
      return;
    }
  self->library = byline_library_new (client);
  byline_library_fetch_async (self->library, uri, self->cancellable, fetch_cb, g_object_ref (self));
}

static void
resume_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(BylineCompareDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!byline_account_resume_finish (BYLINE_ACCOUNT (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, error->message);
      return;
    }
  g_set_object (&self->account, BYLINE_ACCOUNT (object));
  fetch (self);
}

static void
accounts_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(BylineCompareDialog) self = user_data;
  g_autoptr(GListModel) accounts = NULL;
  g_autoptr(BylineAccount) account = NULL;
  g_autoptr(GError) error = NULL;

  accounts = byline_account_list_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (accounts == NULL || g_list_model_get_n_items (accounts) == 0)
    {
      show_error (self, _("Sign in from the Library first: the published version is read with "
                          "the account."));
      return;
    }
  account = g_list_model_get_item (accounts, 0);
  byline_account_resume_async (account, self->cancellable, resume_cb, g_object_ref (self));
}

static void
byline_compare_dialog_dispose (GObject *object)
{
  BylineCompareDialog *self = BYLINE_COMPARE_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (byline_compare_dialog_parent_class)->dispose (object);
}

static void
byline_compare_dialog_finalize (GObject *object)
{
  BylineCompareDialog *self = BYLINE_COMPARE_DIALOG (object);

  g_clear_object (&self->account);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->library);
  g_clear_pointer (&self->answer, json_object_unref);
  g_clear_object (&self->theirs);
  g_clear_pointer (&self->their_body, g_free);
  g_clear_pointer (&self->changes, g_array_unref);
  g_clear_pointer (&self->field_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (byline_compare_dialog_parent_class)->finalize (object);
}

static void
byline_compare_dialog_class_init (BylineCompareDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = byline_compare_dialog_dispose;
  object_class->finalize = byline_compare_dialog_finalize;

  gtk_widget_class_install_action (widget_class, "compare.next", NULL, step_action);
  gtk_widget_class_install_action (widget_class, "compare.previous", NULL, step_action);
  gtk_widget_class_install_action (widget_class, "compare.revert", NULL, revert_action);
  gtk_widget_class_install_action (widget_class, "compare.revert-all", NULL, revert_all_action);
  gtk_widget_class_install_action (widget_class, "compare.revert-field", "s", revert_field_action);
}

static GtkWidget *
icon_button (const char *icon,
             const char *tooltip,
             const char *action)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);

  return button;
}

static void
byline_compare_dialog_init (BylineCompareDialog *self)
{
  GtkWidget *toolbar = adw_toolbar_view_new ();
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *fields_scroller = gtk_scrolled_window_new ();
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *revert = gtk_button_new_with_mnemonic (_("_Revert"));
  GtkWidget *revert_all = gtk_button_new_with_mnemonic (_("Revert _All"));
  GtkWidget *loading = adw_status_page_new ();
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();
  GtkTextBuffer *buffer;

  /* Before the text view, which would take Alt+arrows as cursor moves. */
  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Down, GDK_ALT_MASK),
                                                          gtk_named_action_new ("compare.next")));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Up, GDK_ALT_MASK),
                                                          gtk_named_action_new ("compare.previous")));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);

  self->cancellable = g_cancellable_new ();
  self->changes = g_array_new (FALSE, TRUE, sizeof (Change));
  g_array_set_clear_func (self->changes, (GDestroyNotify) change_clear);
  self->field_rows = g_ptr_array_new ();
  self->current = -1;

  adw_dialog_set_title (ADW_DIALOG (self), _("Compare With Published"));
  adw_dialog_set_content_width (ADW_DIALOG (self), 760);
  adw_dialog_set_content_height (ADW_DIALOG (self), 620);

  adw_header_bar_pack_start (ADW_HEADER_BAR (header),
                             icon_button ("go-up-symbolic", _("Previous Change (Alt+Up)"), "compare.previous"));
  adw_header_bar_pack_start (ADW_HEADER_BAR (header),
                             icon_button ("go-down-symbolic", _("Next Change (Alt+Down)"), "compare.next"));
  gtk_widget_set_tooltip_text (revert, _("Put back the published words of this change"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (revert), "compare.revert");
  gtk_widget_set_tooltip_text (revert_all, _("Put back the published version of every field and the body"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (revert_all), "compare.revert-all");
  gtk_widget_add_css_class (revert_all, "destructive-action");
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), revert_all);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), revert);
  adw_toolbar_view_add_top_bar (ADW_TOOLBAR_VIEW (toolbar), header);

  self->stack = GTK_STACK (gtk_stack_new ());
  adw_status_page_set_title (ADW_STATUS_PAGE (loading), _("Fetching the Published Version…"));
  adw_status_page_set_paintable (ADW_STATUS_PAGE (loading), GDK_PAINTABLE (adw_spinner_paintable_new (loading)));
  gtk_stack_add_named (self->stack, loading, "loading");
  self->status_page = ADW_STATUS_PAGE (adw_status_page_new ());
  adw_status_page_set_icon_name (self->status_page, "dialog-warning-symbolic");
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->status_page), "status");

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 12);
  self->fields_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->fields_group, _("Fields"));
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (fields_scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (fields_scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (fields_scroller), 220);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (fields_scroller), GTK_WIDGET (self->fields_group));
  gtk_box_append (GTK_BOX (box), fields_scroller);

  self->position_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->position_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->position_label), "heading");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->position_label));

  self->view = GTK_TEXT_VIEW (gtk_text_view_new ());
  gtk_text_view_set_editable (self->view, FALSE);
  gtk_text_view_set_cursor_visible (self->view, TRUE);
  gtk_text_view_set_wrap_mode (self->view, GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_left_margin (self->view, 12);
  gtk_text_view_set_right_margin (self->view, 12);
  gtk_text_view_set_top_margin (self->view, 12);
  gtk_text_view_set_bottom_margin (self->view, 12);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("The body, published words struck through, new words underlined"), -1);
  buffer = gtk_text_view_get_buffer (self->view);
  gtk_text_buffer_create_tag (buffer, "added", "underline", PANGO_UNDERLINE_SINGLE,
                              "background", "rgba(46,194,126,0.3)", NULL);
  gtk_text_buffer_create_tag (buffer, "removed", "strikethrough", TRUE,
                              "background", "rgba(224,27,36,0.3)", NULL);
  gtk_widget_add_css_class (scroller, "card");
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (self->view));
  gtk_box_append (GTK_BOX (box), scroller);
  gtk_stack_add_named (self->stack, box, "compare");

  gtk_stack_set_visible_child_name (self->stack, "loading");
  adw_toolbar_view_set_content (ADW_TOOLBAR_VIEW (toolbar), GTK_WIDGET (self->stack));
  adw_dialog_set_child (ADW_DIALOG (self), toolbar);
  actions_update (self);
}

/**
 * byline_compare_dialog_new:
 * @document: an article linked to a published record
 * @account: (nullable): the account to read the record with; %NULL for the keyring's
 *
 * Returns: (transfer floating): a dialog comparing @document with its published record
 */
AdwDialog *
byline_compare_dialog_new (BylineDocument *document,
                           BylineAccount  *account)
{
  BylineCompareDialog *self;

  g_return_val_if_fail (BYLINE_IS_DOCUMENT (document), NULL);

  self = g_object_new (BYLINE_TYPE_COMPARE_DIALOG, NULL);
  self->document = g_object_ref (document);
  g_signal_connect_swapped (document, "changed", G_CALLBACK (document_changed_cb), self);
  if (account != NULL)
    {
      self->account = g_object_ref (account);
      fetch (self);
    }
  else
    byline_account_list_async (self->cancellable, accounts_cb, g_object_ref (self));

  return ADW_DIALOG (self);
}

/**
 * byline_compare_dialog_get_loaded:
 *
 * Returns: whether the published record has arrived and the comparison shows
 */
gboolean
byline_compare_dialog_get_loaded (BylineCompareDialog *self)
{
  g_return_val_if_fail (BYLINE_IS_COMPARE_DIALOG (self), FALSE);

  return self->answer != NULL &&
         g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "compare") == 0;
}

/**
 * byline_compare_dialog_get_n_changes:
 *
 * Returns: how many changes the body has
 */
guint
byline_compare_dialog_get_n_changes (BylineCompareDialog *self)
{
  g_return_val_if_fail (BYLINE_IS_COMPARE_DIALOG (self), 0);

  return self->changes->len;
}

/**
 * byline_compare_dialog_get_current:
 *
 * Returns: the index of the change shown, or -1
 */
int
byline_compare_dialog_get_current (BylineCompareDialog *self)
{
  g_return_val_if_fail (BYLINE_IS_COMPARE_DIALOG (self), -1);

  return self->current;
}

/**
 * byline_compare_dialog_get_n_fields:
 *
 * Returns: how many fields differ
 */
guint
byline_compare_dialog_get_n_fields (BylineCompareDialog *self)
{
  g_return_val_if_fail (BYLINE_IS_COMPARE_DIALOG (self), 0);

  return self->n_fields;
}
