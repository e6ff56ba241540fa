import { createApp } from 'vue';
import 'cosell/define';
import AccountPage from './AccountPage.vue';

createApp(AccountPage).mount('#app');
