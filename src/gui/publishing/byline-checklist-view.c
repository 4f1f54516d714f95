/* byline-checklist-view.c
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

#define G_LOG_DOMAIN "byline-checklist-view"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "byline-checklist-view.h"
#include "byline-image-shrink.h"
#include "byline-publisher.h"
#include "byline-window.h"

/*
 * The review checklist of one article, as a list an editor works through: each row says what
 * to look at and where, and activating it emits ::item-activated for the owner to go there.
 *
 * The checks run in a worker from a snapshot of the text, when the view is shown and again a
 * moment after the text changes, and only while shown. With an account, the account's
 * documents are listed each time the view is shown (every page) and compared too: another
 * document of the publication with the same path, and the other open articles of the
 * publication with changes not published.
 */

#define RECHECK_DELAY_MS 600

/* The task data of a check: everything the worker reads, copied on the main thread. */
typedef struct
{
  GBytes    *text;
  GFile     *base_dir;
  char      *own_uri;
  char      *site;
  JsonArray *records;
  GPtrArray *other_names;
  GPtrArray *other_texts;     /* GBytes */
  GPtrArray *other_dirs;      /* GFile, or NULL */
} Check;

struct _BylineChecklistView
{
  GtkWidget       parent_instance;

  /* Template widgets */
  GtkLabel       *summary_label;
  AdwSpinner     *spinner;
  GtkListBox     *list_box;

  /* Owned references */
  BylineDocument *document;
  BylineAccount  *account;
  GSignalGroup   *document_signals;
  GCancellable   *cancellable;
  GCancellable   *listing;
  GCancellable   *lifetime;
  JsonArray      *records;
  GPtrArray      *items;
  GHashTable     *others;        /* name → BylineDocument */

  guint           recheck_id;
  guint           running : 1;
  guint           checking : 1;
  guint           dirty : 1;
};

G_DEFINE_FINAL_TYPE (BylineChecklistView, byline_checklist_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_ACCOUNT,
  PROP_RUNNING,
  PROP_HAS_BLOCKERS,
  N_PROPS
};

enum {
  ITEM_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void refresh (BylineChecklistView *self);

static void
check_free (Check *check)
{
  g_clear_pointer (&check->text, g_bytes_unref);
  g_clear_object (&check->base_dir);
  g_free (check->own_uri);
  g_free (check->site);
  g_clear_pointer (&check->records, json_array_unref);
  g_clear_pointer (&check->other_names, g_ptr_array_unref);
  g_clear_pointer (&check->other_texts, g_ptr_array_unref);
  g_clear_pointer (&check->other_dirs, g_ptr_array_unref);
  g_free (check);
}

static void
unref_if_set (gpointer object)
{
  if (object != NULL)
    g_object_unref (object);
}

static void
check_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Check *check = task_data;
  gsize length;
  const char *text = g_bytes_get_data (check->text, &length);
  g_autoptr(GPtrArray) items = byline_checklist_check (text, length, check->base_dir);

  if (check->records != NULL)
    {
      byline_checklist_add_same_path (items, text, length, check->own_uri, check->records);
      for (guint i = 0; i < check->other_names->len; i++)
        {
          gsize other_length;
          const char *other = g_bytes_get_data (g_ptr_array_index (check->other_texts, i),
                                                &other_length);

          byline_checklist_add_unpublished (items, check->site,
                                            g_ptr_array_index (check->other_names, i),
                                            other, other_length,
                                            g_ptr_array_index (check->other_dirs, i),
                                            check->records);
        }
      byline_checklist_sort (items);
    }

  g_task_return_pointer (task, g_steal_pointer (&items), (GDestroyNotify)g_ptr_array_unref);
}

static const char *
kind_title (const BylineCheckItem *item)
{
  switch (item->kind)
    {
    case BYLINE_CHECK_IMAGE_ALT:
      return _("Image without alternative text");
    case BYLINE_CHECK_IMAGE_MISSING:
      return _("Image not found");
    case BYLINE_CHECK_LINK_MISSING:
      return _("Link to a missing file");
    case BYLINE_CHECK_IMAGE_TOO_LARGE:
      return _("Image too large to upload");
    case BYLINE_CHECK_NO_DESCRIPTION:
      return _("No description");
    case BYLINE_CHECK_LONG_TITLE:
      return _("Title too long for a link card");
    case BYLINE_CHECK_REVIEW_MARK:
      return _("Suggestion or comment left");
    case BYLINE_CHECK_SAME_PATH:
      return _("Same path as another document");
    case BYLINE_CHECK_OTHER_UNPUBLISHED:
      return _("Another article not published");
    case BYLINE_CHECK_RECORD:
    default:
      return item->blocker ? _("The record would be rejected") : _("The record has a problem");
    }
}

static const char *
field_label (const char *field)
{
  static const struct { const char *key; const char *label; } labels[] = {
    { "title", N_("Title") },
    { "description", N_("Description") },
    { "site", N_("Publication") },
    { "path", N_("Path") },
    { "tags", N_("Tags") },
    { "coverImage", N_("Cover image") },
    { "publishedAt", N_("Publication date") },
    { "updatedAt", N_("Update date") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_strcmp0 (field, labels[i].key) == 0)
      return _(labels[i].label);

  return field;
}

/* Where the item is, in words: a line and column, a field of the side panel, another tab. */
static char *
describe_place (const BylineCheckItem *item)
{
  if (item->kind == BYLINE_CHECK_OTHER_UNPUBLISHED)
    return g_strdup_printf (_("Tab “%s”"), item->target);
  if (item->line > 0 && item->column > 0)
    /* Translators: where a checklist item is in the article */
    return g_strdup_printf (_("Line %u, column %u"), item->line, item->column);
  if (item->line > 0)
    return g_strdup_printf (_("Line %u"), item->line);
  if (item->field != NULL)
    /* Translators: a field of the article's details, in the checklist */
    return g_strdup_printf (_("Details: %s"), field_label (item->field));

  return NULL;
}

/* What a shrink replaces, once the copy is written. */
typedef struct
{
  BylineChecklistView *self;
  GtkWidget           *button;
  BylineCheckItem     *item;
  char                *url;
} Shrink;

static void
shrink_free (Shrink *shrink)
{
  g_clear_object (&shrink->self);
  g_clear_object (&shrink->button);
  g_clear_pointer (&shrink->item, byline_check_item_free);
  g_free (shrink->url);
  g_free (shrink);
}

/* The reference as the text has it: between the item's place and the next ')' or space. */
static char *
reference_at (BylineDocument        *document,
              const BylineCheckItem *item)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_iter_at_line_offset (GTK_TEXT_BUFFER (document), &start, item->line - 1,
                                           item->column - 1);
  end = start;
  while (!gtk_text_iter_ends_line (&end) && gtk_text_iter_get_char (&end) != ')' &&
         !g_unichar_isspace (gtk_text_iter_get_char (&end)))
    gtk_text_iter_forward_char (&end);

  return gtk_text_iter_get_text (&start, &end);
}

/* Points the reference at the smaller copy, as one undoable edit, if the text still has it
 * where it was. */
static void
replace_reference (Shrink *shrink,
                   GFile  *copy)
{
  BylineDocument *document = shrink->self->document;
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (document);
  g_autofree char *current = NULL;
  g_autofree char *name = g_file_get_basename (copy);
  g_autofree char *escaped = g_uri_escape_string (name, NULL, TRUE);
  g_autofree char *url = NULL;
  const char *slash = strrchr (shrink->url, '/');
  GtkTextIter start, end;

  if (document == NULL || (current = reference_at (document, shrink->item)) == NULL ||
      g_strcmp0 (current, shrink->url) != 0)
    {
      g_warning ("The image moved in the text while it was shrunk; %s is beside it", name);
      return;
    }

  url = slash ? g_strdup_printf ("%.*s%s", (int)(slash - shrink->url + 1), shrink->url, escaped)
              : g_strdup (escaped);
  gtk_text_buffer_get_iter_at_line_offset (buffer, &start, shrink->item->line - 1,
                                           shrink->item->column - 1);
  end = start;
  gtk_text_iter_forward_chars (&end, g_utf8_strlen (shrink->url, -1));
  gtk_text_buffer_begin_user_action (buffer);
  gtk_text_buffer_delete (buffer, &start, &end);
  gtk_text_buffer_insert (buffer, &start, url, -1);
  gtk_text_buffer_end_user_action (buffer);
}

static void
shrunk_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Shrink *shrink = user_data;
  g_autoptr(GFile) copy = NULL;
  g_autoptr(GError) error = NULL;

  copy = byline_image_shrink_finish (result, &error);
  gtk_widget_set_sensitive (shrink->button, TRUE);
  if (copy == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        gtk_widget_set_tooltip_text (shrink->button, error->message);
    }
  else
    replace_reference (shrink, copy);

  shrink_free (shrink);
}

static void
shrink_clicked_cb (GtkButton           *button,
                   BylineChecklistView *self)
{
  const BylineCheckItem *item = g_object_get_data (G_OBJECT (button), "item");
  g_autoptr(GFile) image = NULL;
  g_autoptr(GFile) directory = NULL;
  Shrink *shrink;

  if (item == NULL || item->target == NULL || self->document == NULL)
    return;

  shrink = g_new0 (Shrink, 1);
  shrink->self = g_object_ref (self);
  shrink->button = g_object_ref (GTK_WIDGET (button));
  shrink->item = byline_check_item_copy (item);
  shrink->url = reference_at (self->document, item);
  image = g_file_new_for_path (item->target);
  directory = g_file_get_parent (image);

  /* The copy goes beside the image, so the reference keeps its folder. */
  gtk_widget_set_sensitive (GTK_WIDGET (button), FALSE);
  byline_image_shrink_async (image, directory, "small", BYLINE_MAX_BLOB_SIZE, self->lifetime,
                             shrunk_cb, shrink);
}

static GtkWidget *
create_row (BylineChecklistView   *self,
            const BylineCheckItem *item)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name (item->blocker ? "dialog-error-symbolic"
                                                                : "dialog-warning-symbolic");
  g_autofree char *place = describe_place (item);
  g_autofree char *subtitle = place ? g_strdup_printf ("%s · %s", item->message, place)
                                    : g_strdup (item->message);
  gboolean has_place = item->line > 0 || item->field != NULL ||
                       item->kind == BYLINE_CHECK_OTHER_UNPUBLISHED;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), kind_title (item));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 4);
  gtk_widget_add_css_class (icon, item->blocker ? "error" : "warning");
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  item->blocker ? _("Blocks publishing") : _("Warning"), -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), has_place);
  if (item->kind == BYLINE_CHECK_IMAGE_TOO_LARGE && item->target != NULL && item->line > 0)
    {
      GtkWidget *button = gtk_button_new_with_mnemonic (_("_Shrink"));

      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (button, _("Write a smaller copy beside the image and use it"));
      g_object_set_data_full (G_OBJECT (button), "item", byline_check_item_copy (item),
                              (GDestroyNotify)byline_check_item_free);
      g_signal_connect_object (button, "clicked", G_CALLBACK (shrink_clicked_cb), self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }
  if (has_place)
    adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                               gtk_image_new_from_icon_name ("go-next-symbolic"));

  return row;
}

/* Running while a check runs or the account's documents are being listed. */
static void
update_running (BylineChecklistView *self)
{
  gboolean running = self->checking || self->listing != NULL;

  if (self->running == running)
    return;

  self->running = running;
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), running);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

static void
update_summary (BylineChecklistView *self)
{
  guint n_blockers = 0;
  g_autofree char *summary = NULL;
  g_autofree char *blocking = NULL;

  for (guint i = 0; i < self->items->len; i++)
    if (((BylineCheckItem *)g_ptr_array_index (self->items, i))->blocker)
      n_blockers++;

  if (self->document == NULL)
    summary = g_strdup (_("No article"));
  else if (self->items->len == 0)
    summary = g_strdup (self->running ? _("Checking…") : _("Nothing to look at"));
  else
    {
      g_autofree char *things = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                              "%u thing to look at",
                                                              "%u things to look at",
                                                              self->items->len),
                                                 self->items->len);

      if (n_blockers == 0)
        summary = g_steal_pointer (&things);
      else
        /* Translators: "4 things to look at" and "1 blocks publishing" */
        summary = g_strdup_printf (_("%s, %s"), things,
                                   blocking = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                            "%u blocks publishing",
                                                                            "%u block publishing",
                                                                            n_blockers),
                                                               n_blockers));
    }
  gtk_label_set_label (self->summary_label, summary);
}

static void
show_items (BylineChecklistView *self,
            GPtrArray           *items)
{
  gboolean had_blockers = byline_checklist_has_blockers (self->items);

  gtk_list_box_remove_all (self->list_box);
  for (guint i = 0; i < items->len; i++)
    gtk_list_box_append (self->list_box, create_row (self, g_ptr_array_index (items, i)));
  gtk_widget_set_visible (GTK_WIDGET (self->list_box), items->len > 0);

  g_clear_pointer (&self->items, g_ptr_array_unref);
  self->items = g_ptr_array_ref (items);
  update_summary (self);

  if (had_blockers != byline_checklist_has_blockers (self->items))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_BLOCKERS]);
}

static void
checked_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GPtrArray) items = g_task_propagate_pointer (G_TASK (result), NULL);
  BylineChecklistView *self;

  /* Cancelled: a newer check runs, or the view is gone. */
  if (items == NULL)
    return;

  self = BYLINE_CHECKLIST_VIEW (object);
  self->checking = FALSE;
  update_running (self);
  show_items (self, items);
}

static GFile *
folder_of (BylineDocument *document)
{
  GFile *file = byline_document_get_file (document);

  return file ? g_file_get_parent (file) : NULL;
}

/* The other open articles of the same publication, from every window. */
static void
add_others (BylineChecklistView *self,
            Check               *check)
{
  GApplication *app = g_application_get_default ();
  GList *windows = GTK_IS_APPLICATION (app) ? gtk_application_get_windows (GTK_APPLICATION (app))
                                            : NULL;

  for (GList *l = windows; l != NULL; l = l->next)
    {
      g_autoptr(GPtrArray) documents = NULL;

      if (!BYLINE_IS_WINDOW (l->data))
        continue;
      documents = byline_window_dup_documents (BYLINE_WINDOW (l->data));
      for (guint i = 0; i < documents->len; i++)
        {
          BylineDocument *other = g_ptr_array_index (documents, i);
          BylineMetadata *metadata = byline_document_get_metadata (other);
          char *name;

          if (other == self->document || metadata == NULL ||
              g_strcmp0 (byline_metadata_get_site (metadata), check->site) != 0)
            continue;

          name = byline_document_dup_title (other);
          /* Two tabs of the same name: the second is told apart by its place. */
          if (g_hash_table_contains (self->others, name))
            {
              char *numbered = g_strdup_printf ("%s (%u)", name,
                                                g_hash_table_size (self->others) + 1);

              g_free (name);
              name = numbered;
            }
          g_hash_table_insert (self->others, g_strdup (name), g_object_ref (other));
          g_ptr_array_add (check->other_names, name);
          g_ptr_array_add (check->other_texts, byline_document_dup_text (other));
          g_ptr_array_add (check->other_dirs, folder_of (other));
        }
    }
}

static void
run_check (BylineChecklistView *self)
{
  g_autoptr(GTask) task = NULL;
  BylineMetadata *metadata;
  Check *check;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  metadata = byline_document_get_metadata (self->document);
  check = g_new0 (Check, 1);
  check->text = byline_document_dup_text (self->document);
  check->base_dir = folder_of (self->document);
  check->other_names = g_ptr_array_new_with_free_func (g_free);
  check->other_texts = g_ptr_array_new_with_free_func ((GDestroyNotify)g_bytes_unref);
  check->other_dirs = g_ptr_array_new_with_free_func (unref_if_set);
  g_hash_table_remove_all (self->others);
  if (self->records != NULL && metadata != NULL)
    {
      check->records = json_array_ref (self->records);
      check->own_uri = g_strdup (byline_metadata_get_record_uri (metadata));
      check->site = g_strdup (byline_metadata_get_site (metadata));
      if (check->site != NULL)
        add_others (self, check);
    }

  self->checking = TRUE;
  update_running (self);
  update_summary (self);
  task = g_task_new (self, self->cancellable, checked_cb, NULL);
  g_task_set_source_tag (task, run_check);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_set_task_data (task, check, (GDestroyNotify)check_free);
  g_task_run_in_thread (task, check_thread);
}

static void
records_listed_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(BylineChecklistView) self = user_data;
  g_autoptr(GError) error = NULL;
  JsonArray *records;

  records = byline_publisher_list_records_finish (BYLINE_PUBLISHER (object), result, &error);
  if (records == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* The local checks stand on their own. */
      g_warning ("Could not list the account’s documents: %s", error->message);
      g_clear_object (&self->listing);
      update_running (self);
      return;
    }

  g_clear_object (&self->listing);
  g_clear_pointer (&self->records, json_array_unref);
  self->records = records;
  if (self->document != NULL)
    run_check (self);
  update_running (self);
}

static void
list_records (BylineChecklistView *self)
{
  g_autoptr(BylineXrpcClient) client = byline_account_dup_client (self->account);
  g_autoptr(BylinePublisher) publisher = byline_publisher_new (client);

  g_cancellable_cancel (self->listing);
  g_clear_object (&self->listing);
  self->listing = g_cancellable_new ();
  update_running (self);
  byline_publisher_list_records_async (publisher, BYLINE_DOCUMENT_COLLECTION, self->listing,
                                       records_listed_cb, g_object_ref (self));
}

static void
refresh (BylineChecklistView *self)
{
  g_autoptr(GPtrArray) none = NULL;

  g_clear_handle_id (&self->recheck_id, g_source_remove);

  if (self->document == NULL)
    {
      g_cancellable_cancel (self->cancellable);
      self->checking = FALSE;
      update_running (self);
      none = g_ptr_array_new_with_free_func ((GDestroyNotify)byline_check_item_free);
      show_items (self, none);
      return;
    }

  /* Hidden, the view waits until it is shown. */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->dirty = TRUE;
      update_running (self);
      return;
    }
  self->dirty = FALSE;

  run_check (self);
  if (self->account != NULL && self->records == NULL && self->listing == NULL)
    list_records (self);
  update_running (self);
}

static gboolean
recheck_cb (gpointer data)
{
  BylineChecklistView *self = data;

  self->recheck_id = 0;
  refresh (self);

  return G_SOURCE_REMOVE;
}

static void
document_changed_cb (BylineChecklistView *self)
{
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->dirty = TRUE;
      return;
    }

  g_clear_handle_id (&self->recheck_id, g_source_remove);
  self->recheck_id = g_timeout_add (RECHECK_DELAY_MS, recheck_cb, self);
}

static void
refresh_clicked_cb (BylineChecklistView *self)
{
  byline_checklist_view_refresh (self);
}

static void
row_activated_cb (BylineChecklistView *self,
                  GtkListBoxRow       *row,
                  GtkListBox          *list_box)
{
  int index = gtk_list_box_row_get_index (row);
  BylineCheckItem *item;
  BylineDocument *other = NULL;

  if (index < 0 || (guint)index >= self->items->len)
    return;

  item = g_ptr_array_index (self->items, index);
  if (item->kind == BYLINE_CHECK_OTHER_UNPUBLISHED)
    other = g_hash_table_lookup (self->others, item->target);
  g_signal_emit (self, signals[ITEM_ACTIVATED], 0, item, other);
}

static void
byline_checklist_view_map (GtkWidget *widget)
{
  BylineChecklistView *self = BYLINE_CHECKLIST_VIEW (widget);

  GTK_WIDGET_CLASS (byline_checklist_view_parent_class)->map (widget);

  /* Shown again, the account's documents are listed again: articles may have been published
   * meanwhile, here or elsewhere. Typing while shown reuses the listing. */
  if (self->account != NULL)
    byline_checklist_view_refresh (self);
  else if (self->dirty || (self->items->len == 0 && !self->running))
    refresh (self);
}

static void
byline_checklist_view_dispose (GObject *object)
{
  BylineChecklistView *self = BYLINE_CHECKLIST_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->listing);
  g_cancellable_cancel (self->lifetime);
  g_clear_handle_id (&self->recheck_id, g_source_remove);
  if (self->document_signals != NULL)
    g_signal_group_set_target (self->document_signals, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), BYLINE_TYPE_CHECKLIST_VIEW);
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self));
       child != NULL;
       child = gtk_widget_get_first_child (GTK_WIDGET (self)))
    gtk_widget_unparent (child);

  g_clear_object (&self->document_signals);
  g_clear_object (&self->document);
  g_clear_object (&self->account);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->listing);
  g_clear_object (&self->lifetime);
  g_clear_pointer (&self->records, json_array_unref);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->others, g_hash_table_unref);

  G_OBJECT_CLASS (byline_checklist_view_parent_class)->dispose (object);
}

static void
byline_checklist_view_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  BylineChecklistView *self = BYLINE_CHECKLIST_VIEW (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, byline_checklist_view_get_document (self));
      break;

    case PROP_ACCOUNT:
      g_value_set_object (value, byline_checklist_view_get_account (self));
      break;

    case PROP_RUNNING:
      g_value_set_boolean (value, byline_checklist_view_get_running (self));
      break;

    case PROP_HAS_BLOCKERS:
      g_value_set_boolean (value, byline_checklist_view_get_has_blockers (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
byline_checklist_view_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  BylineChecklistView *self = BYLINE_CHECKLIST_VIEW (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      byline_checklist_view_set_document (self, g_value_get_object (value));
      break;

    case PROP_ACCOUNT:
      byline_checklist_view_set_account (self, g_value_get_object (value));
      break;

    case PROP_RUNNING:
    case PROP_HAS_BLOCKERS:
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
byline_checklist_view_class_init (BylineChecklistViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = byline_checklist_view_dispose;
  object_class->get_property = byline_checklist_view_get_property;
  object_class->set_property = byline_checklist_view_set_property;
  widget_class->map = byline_checklist_view_map;

  /**
   * BylineChecklistView:document:
   *
   * The article checked, or %NULL.
   */
  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, BYLINE_TYPE_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * BylineChecklistView:account:
   *
   * The signed-in account whose documents the article is compared with, or %NULL.
   */
  properties[PROP_ACCOUNT] =
    g_param_spec_object ("account", NULL, NULL, BYLINE_TYPE_ACCOUNT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * BylineChecklistView:running:
   *
   * Whether a check or the listing of the account's documents is under way.
   */
  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * BylineChecklistView:has-blockers:
   *
   * Whether an item keeps the article from being published.
   */
  properties[PROP_HAS_BLOCKERS] =
    g_param_spec_boolean ("has-blockers", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * BylineChecklistView::item-activated:
   * @self: the view
   * @item: the #BylineCheckItem activated
   * @other: (nullable): the other open article the item names
   *
   * The writer chose an item, to go to its place.
   */
  signals[ITEM_ACTIVATED] =
    g_signal_new ("item-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, BYLINE_TYPE_CHECK_ITEM, BYLINE_TYPE_DOCUMENT);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/ui/byline-checklist-view.ui");
  gtk_widget_class_bind_template_child (widget_class, BylineChecklistView, summary_label);
  gtk_widget_class_bind_template_child (widget_class, BylineChecklistView, spinner);
  gtk_widget_class_bind_template_child (widget_class, BylineChecklistView, list_box);
  gtk_widget_class_bind_template_callback (widget_class, refresh_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
}

static void
byline_checklist_view_init (BylineChecklistView *self)
{
  self->items = g_ptr_array_new_with_free_func ((GDestroyNotify)byline_check_item_free);
  self->lifetime = g_cancellable_new ();
  self->others = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->document_signals = g_signal_group_new (BYLINE_TYPE_DOCUMENT);
  g_signal_group_connect_object (self->document_signals, "changed",
                                 G_CALLBACK (document_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->document_signals, "notify::file",
                                 G_CALLBACK (document_changed_cb), self, G_CONNECT_SWAPPED);

  gtk_widget_init_template (GTK_WIDGET (self));
  update_summary (self);
}

GtkWidget *
byline_checklist_view_new (void)
{
  return g_object_new (BYLINE_TYPE_CHECKLIST_VIEW, NULL);
}

/**
 * byline_checklist_view_get_document:
 *
 * Returns: (transfer none) (nullable): the article checked
 */
BylineDocument *
byline_checklist_view_get_document (BylineChecklistView *self)
{
  g_return_val_if_fail (BYLINE_IS_CHECKLIST_VIEW (self), NULL);

  return self->document;
}

void
byline_checklist_view_set_document (BylineChecklistView *self,
                                    BylineDocument      *document)
{
  g_return_if_fail (BYLINE_IS_CHECKLIST_VIEW (self));
  g_return_if_fail (document == NULL || BYLINE_IS_DOCUMENT (document));

  if (!g_set_object (&self->document, document))
    return;

  g_signal_group_set_target (self->document_signals, document);
  refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}

/**
 * byline_checklist_view_get_account:
 *
 * Returns: (transfer none) (nullable): the account whose documents are compared
 */
BylineAccount *
byline_checklist_view_get_account (BylineChecklistView *self)
{
  g_return_val_if_fail (BYLINE_IS_CHECKLIST_VIEW (self), NULL);

  return self->account;
}

void
byline_checklist_view_set_account (BylineChecklistView *self,
                                   BylineAccount       *account)
{
  g_return_if_fail (BYLINE_IS_CHECKLIST_VIEW (self));
  g_return_if_fail (account == NULL || BYLINE_IS_ACCOUNT (account));

  if (!g_set_object (&self->account, account))
    return;

  g_cancellable_cancel (self->listing);
  g_clear_object (&self->listing);
  g_clear_pointer (&self->records, json_array_unref);
  refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACCOUNT]);
}

gboolean
byline_checklist_view_get_running (BylineChecklistView *self)
{
  g_return_val_if_fail (BYLINE_IS_CHECKLIST_VIEW (self), FALSE);

  return self->running;
}

gboolean
byline_checklist_view_get_has_blockers (BylineChecklistView *self)
{
  g_return_val_if_fail (BYLINE_IS_CHECKLIST_VIEW (self), FALSE);

  return byline_checklist_has_blockers (self->items);
}

/**
 * byline_checklist_view_get_items:
 *
 * Returns: (transfer none) (element-type BylineCheckItem): the items shown, in order
 */
GPtrArray *
byline_checklist_view_get_items (BylineChecklistView *self)
{
  g_return_val_if_fail (BYLINE_IS_CHECKLIST_VIEW (self), NULL);

  return self->items;
}

/**
 * byline_checklist_view_get_list_box:
 *
 * Returns: (transfer none): the list, one row per item
 */
GtkListBox *
byline_checklist_view_get_list_box (BylineChecklistView *self)
{
  g_return_val_if_fail (BYLINE_IS_CHECKLIST_VIEW (self), NULL);

  return self->list_box;
}

/**
 * byline_checklist_view_refresh:
 * @self: a view
 *
 * Checks the article again, and lists the account's documents again.
 */
void
byline_checklist_view_refresh (BylineChecklistView *self)
{
  g_return_if_fail (BYLINE_IS_CHECKLIST_VIEW (self));

  g_clear_pointer (&self->records, json_array_unref);
  g_cancellable_cancel (self->listing);
  g_clear_object (&self->listing);
  refresh (self);
}
