/* byline-image-inserter.c
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

#define G_LOG_DOMAIN "byline-image-inserter"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "byline-document.h"
#include "byline-image-import.h"
#include "byline-image-inserter.h"
#include "byline-read-problem.h"

/*
 * Images into the editor: image files dropped on the text, and images pasted (files copied in
 * a file manager, or image data such as a screenshot) are copied beside the article by
 * byline_image_import_async() and referred to as `![alt](images/name.png)` where they were
 * dropped or where the cursor was. Pasting text is left to the text view.
 *
 * When the folder beside the article cannot be written (a read-only disk, or the Flatpak
 * sandbox showing Byline the article alone), the writer is told which folder and why, and is
 * offered to save the image in a folder of their choice; the article then links to it there.
 * Images that fail while that question is open wait for the same answer.
 */

struct _BylineImageInserter
{
  GObject      parent_instance;

  /* Borrowed: the inserter lives as long as its view. */
  GtkTextView *view;

  GCancellable *cancellable;

  /* Insertions whose copy beside the article failed, waiting for the writer to choose a
   * folder; %NULL when no question is open. */
  GPtrArray    *homeless;
};

G_DEFINE_FINAL_TYPE (BylineImageInserter, byline_image_inserter, G_TYPE_OBJECT)

typedef struct
{
  BylineImageInserter *self;
  GtkTextBuffer       *buffer;
  GtkTextMark         *mark;
  char                *alt;
  /* What to copy again elsewhere, when beside the article cannot be written. */
  GFile               *article_folder;
  GFile               *source;
  GBytes              *data;
  char                *name;
} Insertion;

static void
insertion_free (Insertion *insertion)
{
  if (insertion->mark != NULL)
    gtk_text_buffer_delete_mark (insertion->buffer, insertion->mark);
  g_clear_object (&insertion->mark);
  g_clear_object (&insertion->buffer);
  g_clear_object (&insertion->self);
  g_clear_object (&insertion->article_folder);
  g_clear_object (&insertion->source);
  g_clear_pointer (&insertion->data, g_bytes_unref);
  g_free (insertion->alt);
  g_free (insertion->name);
  g_free (insertion);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Insertion, insertion_free)

static void
show_toast (BylineImageInserter *self,
            const char          *message)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self->view), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (message));
  else
    g_message ("%s", message);
}

/* The folder the article lives in, or %NULL (with a message) for an unsaved article. */
static GFile *
get_article_folder (BylineImageInserter *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->view);
  GFile *file = BYLINE_IS_DOCUMENT (buffer) ? byline_document_get_file (BYLINE_DOCUMENT (buffer)) : NULL;

  if (file == NULL)
    {
      show_toast (self, _("Save the article first to add images beside it"));
      return NULL;
    }

  return g_file_get_parent (file);
}

/* Whether the line @direction lines away from @iter's is blank or missing. */
static gboolean
line_is_blank (const GtkTextIter *iter,
               int                direction)
{
  GtkTextIter start = *iter, end;
  g_autofree char *text = NULL;

  gtk_text_iter_set_line_offset (&start, 0);
  if (direction < 0 ? !gtk_text_iter_backward_line (&start) :
                      !gtk_text_iter_forward_line (&start))
    return TRUE;

  end = start;
  if (!gtk_text_iter_ends_line (&end))
    gtk_text_iter_forward_to_line_end (&end);
  text = gtk_text_iter_get_slice (&start, &end);

  return g_strstrip (text)[0] == '\0';
}

/* Puts `![alt](path)` where @insertion was made. */
static void
insert_markdown (Insertion  *insertion,
                 const char *path)
{
  g_autofree char *markdown = NULL;
  GtkTextIter iter;

  if (gtk_text_mark_get_deleted (insertion->mark))
    return;

  markdown = byline_image_import_markdown (insertion->alt, path);
  gtk_text_buffer_get_iter_at_mark (insertion->buffer, &iter, insertion->mark);

  /* On an empty line, an image becomes a paragraph of its own, with blank lines around it;
   * put inside a line of text, it stays inline there. */
  if (gtk_text_iter_starts_line (&iter) && gtk_text_iter_ends_line (&iter))
    {
      const char *before = line_is_blank (&iter, -1) ? "" : "\n";
      const char *after = line_is_blank (&iter, 1) ? "" : "\n";
      char *paragraph = g_strconcat (before, markdown, after, NULL);

      g_free (markdown);
      markdown = paragraph;
    }

  gtk_text_buffer_begin_user_action (insertion->buffer);
  gtk_text_buffer_insert (insertion->buffer, &iter, markdown, -1);
  gtk_text_buffer_end_user_action (insertion->buffer);
}

static void
copied_elsewhere_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(Insertion) insertion = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) copy = NULL;
  g_autofree char *path = NULL;

  if (!(copy = byline_image_import_elsewhere_finish (result, &error)))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *message = g_strdup_printf (_("The image could not be copied: %s"),
                                                      error->message);
          show_toast (insertion->self, message);
        }
      return;
    }

  path = byline_image_import_link (insertion->article_folder, copy);
  insert_markdown (insertion, path);
}

static void
folder_chosen_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(BylineImageInserter) self = user_data;
  g_autoptr(GPtrArray) homeless = g_steal_pointer (&self->homeless);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) folder = NULL;

  if (homeless == NULL)
    return;
  if (!(folder = gtk_file_dialog_select_folder_finish (GTK_FILE_DIALOG (object), result, &error)))
    {
      if (!g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_DISMISSED) &&
          !g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_CANCELLED))
        show_toast (self, error->message);
      return;
    }

  /* Each insertion goes to its copy. */
  g_ptr_array_set_free_func (homeless, NULL);
  for (guint i = 0; i < homeless->len; i++)
    {
      Insertion *insertion = g_ptr_array_index (homeless, i);

      byline_image_import_elsewhere_async (folder, insertion->source, insertion->data,
                                           insertion->name, self->cancellable,
                                           copied_elsewhere_cb, insertion);
    }
}

static void
elsewhere_response_cb (AdwAlertDialog      *dialog,
                       const char          *response,
                       BylineImageInserter *self)
{
  g_autoptr(GtkFileDialog) chooser = NULL;
  g_autoptr(GFile) pictures = NULL;
  const char *pictures_dir;
  GtkRoot *root;

  /* One answer (closing the dialog after it answers again, with the close response). */
  g_signal_handlers_disconnect_by_func (dialog, elsewhere_response_cb, self);

  if (!g_str_equal (response, "choose") || self->view == NULL)
    {
      g_clear_pointer (&self->homeless, g_ptr_array_unref);
      return;
    }

  chooser = gtk_file_dialog_new ();
  gtk_file_dialog_set_title (chooser, _("Choose a Folder for the Image"));
  gtk_file_dialog_set_accept_label (chooser, _("_Save Here"));
  pictures_dir = g_get_user_special_dir (G_USER_DIRECTORY_PICTURES);
  pictures = g_file_new_for_path (pictures_dir != NULL ? pictures_dir : g_get_home_dir ());
  gtk_file_dialog_set_initial_folder (chooser, pictures);
  root = gtk_widget_get_root (GTK_WIDGET (self->view));
  gtk_file_dialog_select_folder (chooser, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                 self->cancellable, folder_chosen_cb, g_object_ref (self));
}

/* The copy beside the article failed: says where and why, and offers another folder. */
static void
offer_elsewhere (Insertion    *insertion,
                 const GError *error)
{
  BylineImageInserter *self = insertion->self;
  g_autoptr(GFile) images = g_file_get_child (insertion->article_folder, BYLINE_IMAGE_FOLDER);
  g_autofree char *problem = NULL;
  GtkWidget *label;
  AdwDialog *dialog;

  if (self->homeless != NULL)
    {
      g_ptr_array_add (self->homeless, insertion);
      return;
    }
  if (self->view == NULL)
    {
      insertion_free (insertion);
      return;
    }

  self->homeless = g_ptr_array_new_with_free_func ((GDestroyNotify) insertion_free);
  g_ptr_array_add (self->homeless, insertion);

  /* The folder's path goes in a label of its own, which may break it anywhere: a path is
   * one long word. */
  problem = byline_read_problem_describe_write (images, error);
  label = gtk_label_new (problem);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  dialog = adw_alert_dialog_new (_("Image Not Saved"),
                                 _("The image can be saved in another folder, and the article "
                                   "will link to it there."));
  adw_alert_dialog_set_extra_child (ADW_ALERT_DIALOG (dialog), label);
  adw_alert_dialog_add_responses (ADW_ALERT_DIALOG (dialog),
                                  "cancel", _("_Leave Out"),
                                  "choose", _("_Choose Folder…"),
                                  NULL);
  adw_alert_dialog_set_response_appearance (ADW_ALERT_DIALOG (dialog), "choose",
                                            ADW_RESPONSE_SUGGESTED);
  adw_alert_dialog_set_default_response (ADW_ALERT_DIALOG (dialog), "choose");
  adw_alert_dialog_set_close_response (ADW_ALERT_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (elsewhere_response_cb), self, 0);
  adw_dialog_present (dialog, GTK_WIDGET (self->view));
}

static void
imported_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(Insertion) insertion = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  path = byline_image_import_finish (result, &error);
  if (path == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        offer_elsewhere (g_steal_pointer (&insertion), error);
      return;
    }

  insert_markdown (insertion, path);
}

/* Starts copying @source (a file) or @data (image bytes) and inserting it at @where. */
static void
import_image (BylineImageInserter *self,
              GFile               *folder,
              const GtkTextIter   *where,
              GFile               *source,
              GBytes              *data,
              const char          *name,
              const char          *alt)
{
  Insertion *insertion = g_new0 (Insertion, 1);

  insertion->self = g_object_ref (self);
  insertion->buffer = g_object_ref (gtk_text_iter_get_buffer (where));
  /* Right gravity: images dropped together follow each other in order of arrival. */
  insertion->mark = g_object_ref (gtk_text_buffer_create_mark (insertion->buffer, NULL, where,
                                                               FALSE));
  insertion->alt = alt != NULL ? g_strdup (alt) : byline_image_import_alt_text (name);
  insertion->article_folder = g_object_ref (folder);
  insertion->source = source != NULL ? g_object_ref (source) : NULL;
  insertion->data = data != NULL ? g_bytes_ref (data) : NULL;
  insertion->name = g_strdup (name);

  byline_image_import_async (folder, source, data, name, self->cancellable, imported_cb,
                             insertion);
}

static gboolean
file_is_image (GFile *file)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autoptr(GFileInfo) info = NULL;
  const char *type;

  /* Only local files are copied; a web address stays text. */
  if (!g_file_is_native (file))
    return FALSE;

  /* The name first; the content type when the name says nothing (no extension). */
  if (name != NULL && byline_image_import_is_image (name, NULL, 0))
    return TRUE;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_FAST_CONTENT_TYPE,
                            G_FILE_QUERY_INFO_NONE, NULL, NULL);
  type = info != NULL ? g_file_info_get_attribute_string (info, G_FILE_ATTRIBUTE_STANDARD_FAST_CONTENT_TYPE) : NULL;

  return type != NULL && g_content_type_is_mime_type (type, "image/*");
}

/* Imports the images among @files at @where; returns how many there were. */
static guint
import_files (BylineImageInserter *self,
              GSList              *files,
              const GtkTextIter   *where)
{
  g_autoptr(GFile) folder = NULL;
  guint n_images = 0;

  for (GSList *l = files; l != NULL; l = l->next)
    n_images += file_is_image (l->data);
  if (n_images == 0 || !(folder = get_article_folder (self)))
    return n_images;

  for (GSList *l = files; l != NULL; l = l->next)
    {
      g_autofree char *name = NULL;

      if (!file_is_image (l->data))
        continue;
      name = g_file_get_basename (l->data);
      import_image (self, folder, where, l->data, NULL, name, NULL);
    }

  return n_images;
}

static void
import_texture (BylineImageInserter *self,
                GdkTexture          *texture,
                const GtkTextIter   *where)
{
  g_autoptr(GFile) folder = get_article_folder (self);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *name = g_strdup_printf ("pasted-image-%s.png", stamp);
  g_autoptr(GBytes) png = NULL;

  if (folder == NULL)
    return;

  /* A screenshot's name says nothing about it: the alt text is left for the writer. */
  png = gdk_texture_save_to_png_bytes (texture);
  import_image (self, folder, where, NULL, png, name, "");
}

static gboolean
drop_cb (BylineImageInserter *self,
         const GValue        *value,
         double               x,
         double               y,
         GtkDropTarget       *target)
{
  GtkTextIter iter;
  int bx, by;

  gtk_text_view_window_to_buffer_coords (self->view, GTK_TEXT_WINDOW_WIDGET, x, y, &bx, &by);
  gtk_text_view_get_iter_at_location (self->view, &iter, bx, by);

  if (G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return import_files (self, gdk_file_list_get_files (g_value_get_boxed (value)), &iter) > 0;

  if (G_VALUE_HOLDS (value, GDK_TYPE_TEXTURE))
    {
      import_texture (self, g_value_get_object (value), &iter);
      return TRUE;
    }

  return FALSE;
}

/* Pasting replaces the selection, as pasting text does. */
static void
get_paste_location (BylineImageInserter *self,
                    GtkTextIter         *iter)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->view);
  GtkTextIter start, end;

  if (gtk_text_buffer_get_selection_bounds (buffer, &start, &end))
    gtk_text_buffer_delete_interactive (buffer, &start, &end, TRUE);
  gtk_text_buffer_get_iter_at_mark (buffer, iter, gtk_text_buffer_get_insert (buffer));
}

static void
paste_text_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(BylineImageInserter) self = user_data;
  g_autofree char *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (object), result, NULL);

  if (text != NULL && self->view != NULL)
    gtk_text_buffer_insert_interactive_at_cursor (gtk_text_view_get_buffer (self->view), text, -1,
                                                  gtk_text_view_get_editable (self->view));
}

static void
paste_files_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(BylineImageInserter) self = user_data;
  GdkClipboard *clipboard = GDK_CLIPBOARD (object);
  const GValue *value;
  GtkTextIter iter;
  GtkTextBuffer *buffer;
  GSList *files;
  guint n_images = 0;

  value = gdk_clipboard_read_value_finish (clipboard, result, NULL);
  if (self->view == NULL)
    return;

  buffer = gtk_text_view_get_buffer (self->view);
  files = value != NULL ? gdk_file_list_get_files (g_value_get_boxed (value)) : NULL;
  for (GSList *l = files; l != NULL; l = l->next)
    n_images += file_is_image (l->data);

  if (n_images == 0)
    {
      /* Files that are not images: their names, as text. */
      gdk_clipboard_read_text_async (clipboard, NULL, paste_text_cb, g_object_ref (self));
      g_slist_free (files);
      return;
    }

  gtk_text_buffer_begin_user_action (buffer);
  get_paste_location (self, &iter);
  gtk_text_buffer_end_user_action (buffer);
  import_files (self, files, &iter);
  g_slist_free (files);
}

static void
paste_texture_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(BylineImageInserter) self = user_data;
  g_autoptr(GdkTexture) texture = NULL;
  GtkTextBuffer *buffer;
  GtkTextIter iter;

  texture = gdk_clipboard_read_texture_finish (GDK_CLIPBOARD (object), result, NULL);
  if (texture == NULL || self->view == NULL)
    return;

  buffer = gtk_text_view_get_buffer (self->view);
  gtk_text_buffer_begin_user_action (buffer);
  get_paste_location (self, &iter);
  gtk_text_buffer_end_user_action (buffer);
  import_texture (self, texture, &iter);
}

static void
paste_clipboard_cb (BylineImageInserter *self,
                    GtkTextView         *view)
{
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (view));
  g_autoptr(GdkContentFormats) formats = NULL;

  if (!gtk_text_view_get_editable (view))
    return;

  /* Another application's clipboard lists MIME types: what they can be read as. */
  formats = gdk_content_formats_union_deserialize_gtypes (
    gdk_content_formats_ref (gdk_clipboard_get_formats (clipboard)));

  if (gdk_content_formats_contain_gtype (formats, GDK_TYPE_FILE_LIST))
    {
      g_signal_stop_emission_by_name (view, "paste-clipboard");
      gdk_clipboard_read_value_async (clipboard, GDK_TYPE_FILE_LIST, G_PRIORITY_DEFAULT,
                                      self->cancellable, paste_files_cb, g_object_ref (self));
    }
  /* Image data alone, such as a screenshot. When text comes with it (copied from a web page or
   * an office document), the text is what the writer meant. */
  else if (gdk_content_formats_contain_gtype (formats, GDK_TYPE_TEXTURE) &&
           !gdk_content_formats_contain_gtype (formats, G_TYPE_STRING))
    {
      g_signal_stop_emission_by_name (view, "paste-clipboard");
      gdk_clipboard_read_texture_async (clipboard, self->cancellable, paste_texture_cb,
                                        g_object_ref (self));
    }
}

static void
byline_image_inserter_dispose (GObject *object)
{
  BylineImageInserter *self = BYLINE_IMAGE_INSERTER (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_pointer (&self->homeless, g_ptr_array_unref);
  g_clear_weak_pointer (&self->view);

  G_OBJECT_CLASS (byline_image_inserter_parent_class)->dispose (object);
}

static void
byline_image_inserter_finalize (GObject *object)
{
  BylineImageInserter *self = BYLINE_IMAGE_INSERTER (object);

  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (byline_image_inserter_parent_class)->finalize (object);
}

static void
byline_image_inserter_class_init (BylineImageInserterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = byline_image_inserter_dispose;
  object_class->finalize = byline_image_inserter_finalize;
}

static void
byline_image_inserter_init (BylineImageInserter *self)
{
  self->cancellable = g_cancellable_new ();
}

/**
 * byline_image_inserter_new:
 * @view: the text view to take images into
 *
 * Adds a drop target for image files and image data to @view and takes over pasting of
 * images. @view keeps the inserter alive.
 *
 * Returns: (transfer none): the inserter
 */
BylineImageInserter *
byline_image_inserter_new (GtkTextView *view)
{
  BylineImageInserter *self;
  GtkDropTarget *target;

  g_return_val_if_fail (GTK_IS_TEXT_VIEW (view), NULL);

  self = g_object_new (BYLINE_TYPE_IMAGE_INSERTER, NULL);
  g_set_weak_pointer (&self->view, view);

  target = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_COPY);
  gtk_drop_target_set_gtypes (target, (GType[]) { GDK_TYPE_FILE_LIST, GDK_TYPE_TEXTURE }, 2);
  g_signal_connect_object (target, "drop", G_CALLBACK (drop_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (view), GTK_EVENT_CONTROLLER (target));

  g_signal_connect_object (view, "paste-clipboard", G_CALLBACK (paste_clipboard_cb), self,
                           G_CONNECT_SWAPPED);

  /* The view owns the inserter. */
  g_object_set_data_full (G_OBJECT (view), "byline-image-inserter", self, g_object_unref);

  return self;
}
