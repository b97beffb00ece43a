from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("site", "0004_move_statement_and_video_from_page")]

    operations = [
        migrations.RemoveField(model_name="page", name="conformity"),
        migrations.RemoveField(model_name="page", name="statement_date"),
        migrations.RemoveField(model_name="page", name="video"),
        migrations.RemoveField(model_name="page", name="video_captions"),
    ]
