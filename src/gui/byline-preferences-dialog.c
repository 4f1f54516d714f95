/* byline-preferences-dialog.c
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

#define G_LOG_DOMAIN "byline-preferences-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <libspelling.h>

#include "byline-preferences-dialog.h"
#include "byline-row-names.h"

/* Every row is bound to its GSettings key; the objects that use a key follow it on their own. */

struct _BylinePreferencesDialog
{
  AdwPreferencesDialog  parent_instance;

  /* Template widgets */
  AdwSwitchRow         *use_system_font;
  AdwActionRow         *font_row;
  GtkFontDialogButton  *font_button;
  AdwSwitchRow         *show_line_numbers;
  AdwSwitchRow         *wrap_text;
  AdwSwitchRow         *spellcheck;
  AdwComboRow          *spelling_language;
  AdwSwitchRow         *focus_mode;
  AdwSwitchRow         *typewriter_scrolling;
  AdwEntryRow          *author_name;
  AdwSwitchRow         *vim_mode;
  AdwComboRow          *layout;
  AdwComboRow          *style_variant;
  AdwComboRow          *preview_theme;
  AdwSwitchRow         *scroll_sync;
  AdwSwitchRow         *allow_remote_images;
  AdwSpinRow           *autosave_delay;
  AdwSwitchRow         *restore_session;
  AdwSwitchRow         *include_content;

  /* Owned references */
  GSettings            *settings;
};

G_DEFINE_FINAL_TYPE (BylinePreferencesDialog, byline_preferences_dialog, ADW_TYPE_PREFERENCES_DIALOG)

static const char *layouts[] = { "split", "editor", "preview" };
static const char *style_variants[] = { "follow", "light", "dark" };
static const char *preview_themes[] = { "default", "longread", "newsletter", "publication" };

static gboolean
string_to_index (GValue   *value,
                 GVariant *variant,
                 gpointer  user_data)
{
  const char **choices = user_data;
  const char *string = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < 3; i++)
    {
      if (g_str_equal (choices[i], string))
        {
          g_value_set_uint (value, i);
          return TRUE;
        }
    }

  return FALSE;
}

static GVariant *
index_to_string (const GValue       *value,
                 const GVariantType *type,
                 gpointer            user_data)
{
  const char **choices = user_data;
  guint index = g_value_get_uint (value);

  return index < 3 ? g_variant_new_string (choices[index]) : NULL;
}

static gboolean
string_to_font (GValue   *value,
                GVariant *variant,
                gpointer  user_data)
{
  g_value_take_boxed (value, pango_font_description_from_string (g_variant_get_string (variant, NULL)));

  return TRUE;
}

static GVariant *
font_to_string (const GValue       *value,
                const GVariantType *type,
                gpointer            user_data)
{
  PangoFontDescription *font = g_value_get_boxed (value);
  g_autofree char *string = NULL;

  if (font == NULL)
    return NULL;

  string = pango_font_description_to_string (font);

  return g_variant_new_string (string);
}

/* The spelling languages: "" (the locale's) first, then the dictionaries installed. */
static gboolean
code_to_index (GValue   *value,
               GVariant *variant,
               gpointer  user_data)
{
  GStrv codes = user_data;
  const char *code = g_variant_get_string (variant, NULL);

  for (guint i = 0; codes[i] != NULL; i++)
    {
      if (g_str_equal (codes[i], code))
        {
          g_value_set_uint (value, i);
          return TRUE;
        }
    }

  /* A dictionary since removed: shown as the locale's. */
  g_value_set_uint (value, 0);

  return TRUE;
}

static GVariant *
index_to_code (const GValue       *value,
               const GVariantType *type,
               gpointer            user_data)
{
  GStrv codes = user_data;
  guint index = g_value_get_uint (value);

  return index < g_strv_length (codes) ? g_variant_new_string (codes[index]) : NULL;
}

static void
bind_spelling_languages (BylinePreferencesDialog *self)
{
  GListModel *languages = spelling_provider_list_languages (spelling_provider_get_default ());
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GStrvBuilder) codes = g_strv_builder_new ();
  guint n = languages != NULL ? g_list_model_get_n_items (languages) : 0;

  gtk_string_list_append (names, _("Automatic"));
  g_strv_builder_add (codes, "");
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SpellingLanguage) language = g_list_model_get_item (languages, i);

      gtk_string_list_append (names, spelling_language_get_name (language));
      g_strv_builder_add (codes, spelling_language_get_code (language));
    }
  g_clear_object (&languages);

  adw_combo_row_set_model (self->spelling_language, G_LIST_MODEL (names));
  g_settings_bind_with_mapping (self->settings, "spellcheck-language", self->spelling_language,
                                "selected", G_SETTINGS_BIND_DEFAULT, code_to_index, index_to_code,
                                g_strv_builder_end (codes), (GDestroyNotify)g_strfreev);
  g_settings_bind (self->settings, "spellcheck", self->spelling_language, "sensitive",
                   G_SETTINGS_BIND_GET);
}

static void
bind_switch (BylinePreferencesDialog *self,
             const char              *key,
             AdwSwitchRow            *row)
{
  g_settings_bind (self->settings, key, row, "active", G_SETTINGS_BIND_DEFAULT);
}

static void
byline_preferences_dialog_constructed (GObject *object)
{
  BylinePreferencesDialog *self = BYLINE_PREFERENCES_DIALOG (object);

  G_OBJECT_CLASS (byline_preferences_dialog_parent_class)->constructed (object);

  self->settings = g_settings_new (BASE_ID);

  bind_switch (self, "use-system-font", self->use_system_font);
  bind_switch (self, "show-line-numbers", self->show_line_numbers);
  bind_switch (self, "wrap-text", self->wrap_text);
  bind_switch (self, "spellcheck", self->spellcheck);
  bind_spelling_languages (self);
  bind_switch (self, "focus-mode", self->focus_mode);
  bind_switch (self, "typewriter-scrolling", self->typewriter_scrolling);
  bind_switch (self, "vim-mode", self->vim_mode);
  g_settings_bind (self->settings, "author-name", self->author_name, "text", G_SETTINGS_BIND_DEFAULT);
  bind_switch (self, "scroll-sync", self->scroll_sync);
  bind_switch (self, "allow-remote-images", self->allow_remote_images);
  bind_switch (self, "restore-session", self->restore_session);
  bind_switch (self, "include-content", self->include_content);

  g_settings_bind (self->settings, "use-system-font", self->font_row, "sensitive",
                   G_SETTINGS_BIND_GET | G_SETTINGS_BIND_INVERT_BOOLEAN);
  g_settings_bind_with_mapping (self->settings, "custom-font", self->font_button, "font-desc",
                                G_SETTINGS_BIND_DEFAULT, string_to_font, font_to_string,
                                NULL, NULL);
  g_settings_bind_with_mapping (self->settings, "layout", self->layout, "selected",
                                G_SETTINGS_BIND_DEFAULT, string_to_index, index_to_string,
                                layouts, NULL);
  g_settings_bind_with_mapping (self->settings, "style-variant", self->style_variant, "selected",
                                G_SETTINGS_BIND_DEFAULT, string_to_index, index_to_string,
                                style_variants, NULL);
  g_settings_bind_with_mapping (self->settings, "preview-theme", self->preview_theme, "selected",
                                G_SETTINGS_BIND_DEFAULT, string_to_index, index_to_string,
                                preview_themes, NULL);
  g_settings_bind (self->settings, "autosave-delay", self->autosave_delay, "value",
                   G_SETTINGS_BIND_DEFAULT);
}

static void
byline_preferences_dialog_dispose (GObject *object)
{
  BylinePreferencesDialog *self = BYLINE_PREFERENCES_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), BYLINE_TYPE_PREFERENCES_DIALOG);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (byline_preferences_dialog_parent_class)->dispose (object);
}

static void
byline_preferences_dialog_class_init (BylinePreferencesDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = byline_preferences_dialog_constructed;
  object_class->dispose = byline_preferences_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/ui/byline-preferences-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, BylinePreferencesDialog, use_system_font);
  gtk_widget_class_bind_template_child (widget_class, BylinePreferencesDialog, font_row);
  gtk_widget_class_bind_template_child (widget_class, BylinePreferencesDialog, font_button);
  gtk_widget_class_bind_template_child (widget_class, BylinePreferencesDialog, show_line_numbers);
  gtk_widget_class_bind_template_child (widget_class, BylinePreferencesDialog, wrap_text);
  gtk_widget_class_bind_template_child (widget_class, BylinePreferencesDialog, spellcheck);
  gtk_widget_class_bind_template_child (widget_class, BylinePreferencesDialog, spelling_language);
  gtk_widget_class_bind_template_child (widget_class, BylinePreferencesDialog, focus_mode);
  gtk_widget_class_bind_template_child (widget_class, BylinePreferencesDialog, typewriter_scrolling);
  gtk_widget_class_bind_template_child (widget_class, BylinePreferencesDialog, author_name);
  gtk_widget_class_bind_template_child (widget_class, BylinePreferencesDialog, vim_mode);
  gtk_widget_class_bind_template_child (widget_class, BylinePreferencesDialog, layout);
  gtk_widget_class_bind_template_child (widget_class, BylinePreferencesDialog, style_variant);
  gtk_widget_class_bind_template_child (widget_class, BylinePreferencesDialog, preview_theme);
  gtk_widget_class_bind_template_child (widget_class, BylinePreferencesDialog, scroll_sync);
  gtk_widget_class_bind_template_child (widget_class, BylinePreferencesDialog, allow_remote_images);
  gtk_widget_class_bind_template_child (widget_class, BylinePreferencesDialog, autosave_delay);
  gtk_widget_class_bind_template_child (widget_class, BylinePreferencesDialog, restore_session);
  gtk_widget_class_bind_template_child (widget_class, BylinePreferencesDialog, include_content);
}

static void
byline_preferences_dialog_init (BylinePreferencesDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  byline_row_names_apply (GTK_WIDGET (self));
  /* Translators: what the list of the Preferences' pages is called by a screen reader */
  byline_view_switchers_name (GTK_WIDGET (self), NULL, _("Preferences Pages"));
}

AdwDialog *
byline_preferences_dialog_new (void)
{
  return g_object_new (BYLINE_TYPE_PREFERENCES_DIALOG, NULL);
}
