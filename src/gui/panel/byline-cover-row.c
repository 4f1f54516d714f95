/* byline-cover-row.c
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

#define G_LOG_DOMAIN "byline-cover-row"

#include "config.h"

#include <glib/gi18n.h>
#include <gdk-pixbuf/gdk-pixbuf.h>

#include "byline-cover-row.h"
#include "byline-image-shrink.h"
#include "byline-read-problem.h"

/*
 * The cover image: a file next to the article, chosen with a file dialog or dropped on the row.
 * The row shows a thumbnail, its type and size, and when the file is over the record's blob
 * limit it offers to shrink it: a re-encoded, scaled-down copy is written beside the article
 * (the original is never touched) and the cover then points at the copy. Reading and encoding
 * images happen in workers.
 */

#define THUMBNAIL_SIZE 128

struct _BylineCoverRow
{
  AdwPreferencesRow  parent_instance;

  /* Template widgets */
  GtkPicture        *thumbnail;
  GtkLabel          *name_label;
  GtkLabel          *details_label;
  GtkBox            *problem_box;
  GtkLabel          *problem_label;
  GtkButton         *shrink_button;
  GtkSpinner        *spinner;

  /* Owned references */
  char              *value;
  GFile             *base_directory;
  GFile             *file;
  GCancellable      *cancellable;

  goffset            size;
  guint              too_large : 1;
  guint              shrinking : 1;
};

G_DEFINE_FINAL_TYPE (BylineCoverRow, byline_cover_row, ADW_TYPE_PREFERENCES_ROW)

enum {
  PROP_0,
  PROP_VALUE,
  PROP_BASE_DIRECTORY,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  GFile     *file;
  goffset    size;
  char      *content_type;
  int        width;
  int        height;
  GdkPixbuf *thumbnail;
} Inspect;

static void
inspect_free (Inspect *inspect)
{
  g_clear_object (&inspect->file);
  g_clear_pointer (&inspect->content_type, g_free);
  g_clear_object (&inspect->thumbnail);
  g_free (inspect);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Inspect, inspect_free)

static void
update_actions (BylineCoverRow *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "cover.remove", self->value != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "cover.shrink",
                                 self->too_large && !self->shrinking);
}

static void
show_problem (BylineCoverRow *self,
              const char     *message,
              gboolean        too_large)
{
  self->too_large = !!too_large;
  gtk_label_set_text (self->problem_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->problem_box), message != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->shrink_button), too_large);
  update_actions (self);
}

static void
set_busy (BylineCoverRow *self,
          gboolean        busy)
{
  if (self->shrinking == !!busy)
    return;

  self->shrinking = !!busy;

  /* A shrink cancelled by dispose ends after the template is gone. */
  if (self->spinner == NULL)
    return;

  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
inspect_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GFile *file = task_data;
  g_autoptr(Inspect) inspect = g_new0 (Inspect, 1);
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_file_get_path (file);

  info = g_file_query_info (file,
                            G_FILE_ATTRIBUTE_STANDARD_SIZE ","
                            G_FILE_ATTRIBUTE_STANDARD_CONTENT_TYPE,
                            G_FILE_QUERY_INFO_NONE, cancellable, &error);
  if (info == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  inspect->file = g_object_ref (file);
  inspect->size = g_file_info_get_size (info);
  inspect->content_type = g_strdup (g_file_info_get_content_type (info));

  if (path != NULL && gdk_pixbuf_get_file_info (path, &inspect->width, &inspect->height) != NULL)
    inspect->thumbnail = gdk_pixbuf_new_from_file_at_scale (path, THUMBNAIL_SIZE, THUMBNAIL_SIZE,
                                                            TRUE, NULL);

  g_task_return_pointer (task, g_steal_pointer (&inspect), (GDestroyNotify)inspect_free);
}

static void
inspect_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  BylineCoverRow *self = BYLINE_COVER_ROW (object);
  g_autoptr(Inspect) inspect = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *size = NULL;
  g_autofree char *type = NULL;
  g_autofree char *details = NULL;

  inspect = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (inspect == NULL)
    {
      /* Which file, and why, in words: not the system's "No such file or directory". */
      g_autofree char *words = byline_read_problem_describe (self->value, error);

      gtk_label_set_text (self->details_label, "");
      show_problem (self, words, FALSE);
      return;
    }

  self->size = inspect->size;
  size = g_format_size_full (inspect->size, G_FORMAT_SIZE_DEFAULT);
  type = g_content_type_get_description (inspect->content_type ? inspect->content_type : "");

  if (inspect->thumbnail != NULL)
    {
      g_autoptr(GdkTexture) texture = gdk_texture_new_for_pixbuf (inspect->thumbnail);

      gtk_picture_set_paintable (self->thumbnail, GDK_PAINTABLE (texture));
      /* Translators: type, file size, width × height, e.g. “JPEG image · 1.2 MB · 4000 × 3000” */
      details = g_strdup_printf (_("%s · %s · %d × %d"), type, size,
                                 inspect->width, inspect->height);
    }
  else
    {
      details = g_strdup_printf ("%s · %s", type, size);
    }

  /* What is left of the record's limit for a blob, as the title counts characters left. */
  if (inspect->size <= BYLINE_COVER_MAX_BYTES)
    {
      g_autofree char *with_left = NULL;

      /* Translators: the cover's details, then the bytes left before the limit */
      with_left = g_strdup_printf (_("%s · %" G_GOFFSET_FORMAT " bytes left"), details,
                                   (goffset)BYLINE_COVER_MAX_BYTES - inspect->size);
      g_free (details);
      details = g_steal_pointer (&with_left);
    }

  gtk_label_set_text (self->details_label, details);

  if (inspect->content_type == NULL || !g_content_type_is_mime_type (inspect->content_type, "image/*") ||
      inspect->thumbnail == NULL)
    show_problem (self, _("This file is not an image a record can use as its cover"), FALSE);
  else if (inspect->size > BYLINE_COVER_MAX_BYTES)
    {
      g_autofree char *message =
        g_strdup_printf (_("At %s (%" G_GOFFSET_FORMAT " bytes), it is over the limit of "
                           "1,000,000 bytes for a cover"), size, inspect->size);

      show_problem (self, message, TRUE);
    }
  else
    show_problem (self, NULL, FALSE);
}

static GFile *
resolve (BylineCoverRow *self)
{
  if (self->value == NULL || strstr (self->value, "://") != NULL)
    return NULL;

  if (g_path_is_absolute (self->value) || self->base_directory == NULL)
    return g_file_new_for_path (self->value);

  return g_file_resolve_relative_path (self->base_directory, self->value);
}

static void
inspect (BylineCoverRow *self)
{
  g_autoptr(GTask) task = NULL;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_set_object (&self->file, NULL);
  self->file = resolve (self);
  self->size = 0;

  gtk_picture_set_paintable (self->thumbnail, NULL);
  gtk_label_set_text (self->name_label, self->value ? self->value : _("No cover image"));
  gtk_label_set_text (self->details_label,
                      self->value ? "" : _("Choose an image or drop one here"));
  show_problem (self, NULL, FALSE);

  if (self->file == NULL)
    return;

  task = g_task_new (self, self->cancellable, inspect_cb, NULL);
  g_task_set_source_tag (task, inspect);
  g_task_set_task_data (task, g_object_ref (self->file), g_object_unref);
  g_task_run_in_thread (task, inspect_thread);
}

static void
shrink_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(BylineCoverRow) self = user_data;
  g_autoptr(GFile) target = NULL;
  g_autoptr(GError) error = NULL;

  set_busy (self, FALSE);

  if (!(target = byline_image_shrink_finish (result, &error)))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_problem (self, error->message, TRUE);
      return;
    }

  byline_cover_row_set_file (self, target);
}

static void
shrink_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  BylineCoverRow *self = BYLINE_COVER_ROW (widget);
  g_autoptr(GFile) directory = NULL;

  if (self->file == NULL || self->shrinking)
    return;

  /* Beside the article; beside the image for an article not saved yet. */
  directory = self->base_directory ? g_object_ref (self->base_directory)
                                   : g_file_get_parent (self->file);

  set_busy (self, TRUE);
  byline_image_shrink_async (self->file, directory, "cover", BYLINE_COVER_MAX_BYTES,
                             self->cancellable, shrink_cb, g_object_ref (self));
}

static void
choose_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(BylineCoverRow) self = user_data;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  if (!(file = gtk_file_dialog_open_finish (GTK_FILE_DIALOG (object), result, &error)))
    {
      if (!g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_DISMISSED))
        g_warning ("Could not choose a cover image: %s", error->message);
      return;
    }

  byline_cover_row_set_file (self, file);
}

static void
choose_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  BylineCoverRow *self = BYLINE_COVER_ROW (widget);
  g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autoptr(GListStore) filters = g_list_store_new (GTK_TYPE_FILE_FILTER);
  GtkRoot *root = gtk_widget_get_root (widget);

  gtk_file_filter_set_name (filter, _("Images"));
  gtk_file_filter_add_mime_type (filter, "image/*");
  g_list_store_append (filters, filter);

  gtk_file_dialog_set_title (dialog, _("Choose a Cover Image"));
  gtk_file_dialog_set_filters (dialog, G_LIST_MODEL (filters));
  if (self->file != NULL)
    gtk_file_dialog_set_initial_file (dialog, self->file);
  else if (self->base_directory != NULL)
    gtk_file_dialog_set_initial_folder (dialog, self->base_directory);

  gtk_file_dialog_open (dialog, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, NULL,
                        choose_cb, g_object_ref (self));
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  byline_cover_row_set_value (BYLINE_COVER_ROW (widget), NULL);
}

static gboolean
drop_cb (BylineCoverRow *self,
         const GValue   *value,
         double          x,
         double          y)
{
  GFile *file;

  if (!G_VALUE_HOLDS (value, G_TYPE_FILE) || !(file = g_value_get_object (value)))
    return FALSE;

  byline_cover_row_set_file (self, file);

  return TRUE;
}

static void
byline_cover_row_dispose (GObject *object)
{
  BylineCoverRow *self = BYLINE_COVER_ROW (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (object), BYLINE_TYPE_COVER_ROW);

  G_OBJECT_CLASS (byline_cover_row_parent_class)->dispose (object);
}

static void
byline_cover_row_finalize (GObject *object)
{
  BylineCoverRow *self = BYLINE_COVER_ROW (object);

  g_clear_pointer (&self->value, g_free);
  g_clear_object (&self->base_directory);
  g_clear_object (&self->file);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (byline_cover_row_parent_class)->finalize (object);
}

static void
byline_cover_row_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  BylineCoverRow *self = BYLINE_COVER_ROW (object);

  switch (prop_id)
    {
    case PROP_VALUE:
      g_value_set_string (value, self->value);
      break;

    case PROP_BASE_DIRECTORY:
      g_value_set_object (value, self->base_directory);
      break;

    case PROP_BUSY:
      g_value_set_boolean (value, self->shrinking);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
byline_cover_row_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  BylineCoverRow *self = BYLINE_COVER_ROW (object);

  switch (prop_id)
    {
    case PROP_VALUE:
      byline_cover_row_set_value (self, g_value_get_string (value));
      break;

    case PROP_BASE_DIRECTORY:
      byline_cover_row_set_base_directory (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
byline_cover_row_class_init (BylineCoverRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = byline_cover_row_dispose;
  object_class->finalize = byline_cover_row_finalize;
  object_class->get_property = byline_cover_row_get_property;
  object_class->set_property = byline_cover_row_set_property;

  /**
   * BylineCoverRow:value:
   *
   * The `coverImage` as written in the front matter: a path relative to the article.
   */
  properties[PROP_VALUE] =
    g_param_spec_string ("value", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * BylineCoverRow:base-directory:
   *
   * The article's folder, which relative paths start from and shrunk copies go to.
   */
  properties[PROP_BASE_DIRECTORY] =
    g_param_spec_object ("base-directory", NULL, NULL, G_TYPE_FILE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * BylineCoverRow:busy:
   *
   * Whether a shrunk copy is being written.
   */
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/ui/byline-cover-row.ui");
  gtk_widget_class_bind_template_child (widget_class, BylineCoverRow, thumbnail);
  gtk_widget_class_bind_template_child (widget_class, BylineCoverRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, BylineCoverRow, details_label);
  gtk_widget_class_bind_template_child (widget_class, BylineCoverRow, problem_box);
  gtk_widget_class_bind_template_child (widget_class, BylineCoverRow, problem_label);
  gtk_widget_class_bind_template_child (widget_class, BylineCoverRow, shrink_button);
  gtk_widget_class_bind_template_child (widget_class, BylineCoverRow, spinner);

  gtk_widget_class_install_action (widget_class, "cover.choose", NULL, choose_action);
  gtk_widget_class_install_action (widget_class, "cover.remove", NULL, remove_action);
  gtk_widget_class_install_action (widget_class, "cover.shrink", NULL, shrink_action);
}

static void
byline_cover_row_init (BylineCoverRow *self)
{
  GtkDropTarget *drop;

  gtk_widget_init_template (GTK_WIDGET (self));

  drop = gtk_drop_target_new (G_TYPE_FILE, GDK_ACTION_COPY);
  g_signal_connect_object (drop, "drop", G_CALLBACK (drop_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  self->cancellable = g_cancellable_new ();
  inspect (self);
}

const char *
byline_cover_row_get_value (BylineCoverRow *self)
{
  g_return_val_if_fail (BYLINE_IS_COVER_ROW (self), NULL);

  return self->value;
}

/**
 * byline_cover_row_set_value:
 * @self: a #BylineCoverRow
 * @value: (nullable): the `coverImage` as written in the front matter
 */
void
byline_cover_row_set_value (BylineCoverRow *self,
                            const char     *value)
{
  g_return_if_fail (BYLINE_IS_COVER_ROW (self));

  if (value != NULL && value[0] == 0)
    value = NULL;

  if (!g_set_str (&self->value, value))
    return;

  inspect (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALUE]);
}

/**
 * byline_cover_row_get_base_directory:
 *
 * Returns: (transfer none) (nullable): the article's folder
 */
GFile *
byline_cover_row_get_base_directory (BylineCoverRow *self)
{
  g_return_val_if_fail (BYLINE_IS_COVER_ROW (self), NULL);

  return self->base_directory;
}

void
byline_cover_row_set_base_directory (BylineCoverRow *self,
                                     GFile          *directory)
{
  g_return_if_fail (BYLINE_IS_COVER_ROW (self));
  g_return_if_fail (!directory || G_IS_FILE (directory));

  if (self->base_directory == directory ||
      (self->base_directory && directory && g_file_equal (self->base_directory, directory)))
    return;

  g_set_object (&self->base_directory, directory);
  inspect (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BASE_DIRECTORY]);
}

/**
 * byline_cover_row_set_file:
 * @self: a #BylineCoverRow
 * @file: an image file
 *
 * Makes @file the cover, written relative to the article when it is inside its folder.
 */
void
byline_cover_row_set_file (BylineCoverRow *self,
                           GFile          *file)
{
  g_autofree char *value = NULL;

  g_return_if_fail (BYLINE_IS_COVER_ROW (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->base_directory == NULL || !(value = g_file_get_relative_path (self->base_directory, file)))
    value = g_file_get_path (file);

  byline_cover_row_set_value (self, value);
}

gboolean
byline_cover_row_get_busy (BylineCoverRow *self)
{
  g_return_val_if_fail (BYLINE_IS_COVER_ROW (self), FALSE);

  return self->shrinking;
}
