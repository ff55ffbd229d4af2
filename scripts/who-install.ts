console.log('who-install: stub');
