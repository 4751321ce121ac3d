/** Static data of the seeded Italian shop: states as a real PrestaShop 8 numbers them, names, cities, products. */
import type { SandboxOrderState } from './shop-types.js';

type StateSeed = Omit<SandboxOrderState, 'name' | 'template'> & { it: string; en: string; tpl: string };

const flags = {
  unremovable: true, delivery: false, hidden: false, send_email: false, module_name: '', invoice: false,
  logable: false, shipped: false, paid: false, pdf_delivery: false, pdf_invoice: false, deleted: false,
};

/** Listed in the shop's own unsorted order, as a real 8.2.1 lists them: 2..9, 11, 12, 13, (14,) 1, 10 (`03c-order_states-nosort.body`). */
export const SEED_STATES: readonly StateSeed[] = [
  { ...flags, id: 2, it: 'Pagamento accettato', en: 'Payment accepted', tpl: 'payment', send_email: true, invoice: true, color: '#32CD32', logable: true, paid: true, pdf_invoice: true },
  { ...flags, id: 3, it: '03 - Preparazione ordine in corso....', en: 'Processing in progress', tpl: 'preparation', send_email: true, invoice: true, color: '#FF8C00', logable: true, paid: true, pdf_invoice: true },
  { ...flags, id: 4, it: '05 - Spedito', en: 'Shipped', tpl: 'shipped', send_email: true, invoice: true, color: '#8A2BE2', logable: true, shipped: true, paid: true, pdf_delivery: true, pdf_invoice: true, delivery: true },
  { ...flags, id: 5, it: 'Consegnato', en: 'Delivered', tpl: '', color: '#108510', invoice: true, logable: true, shipped: true, paid: true, pdf_delivery: true, pdf_invoice: true, delivery: true },
  { ...flags, id: 6, it: 'Annullato', en: 'Canceled', tpl: 'order_canceled', send_email: true, color: '#DC143C' },
  { ...flags, id: 7, it: 'Rimborsato', en: 'Refunded', tpl: 'refund', send_email: true, invoice: true, color: '#ec2e15', paid: true, pdf_invoice: true },
  { ...flags, id: 8, it: 'Errore di pagamento', en: 'Payment error', tpl: 'payment_error', send_email: true, color: '#8f0621' },
  { ...flags, id: 9, it: 'In attesa di rifornimento (pagato)', en: 'On backorder (paid)', tpl: 'outofstock', send_email: true, invoice: true, color: '#FF69B4', logable: true, paid: true, pdf_invoice: true },
  { ...flags, id: 11, it: 'Pagamento remoto accettato', en: 'Remote payment accepted', tpl: 'payment', send_email: true, invoice: true, color: '#32CD32', logable: true, paid: true, pdf_invoice: true },
  { ...flags, id: 12, it: 'In attesa di rifornimento (non pagato)', en: 'On backorder (not paid)', tpl: 'outofstock', send_email: true, color: '#FF69B4' },
  { ...flags, id: 13, it: 'In attesa di verifica contrassegno', en: 'Awaiting Cash On Delivery validation', tpl: 'cashondelivery', send_email: true, color: '#4169E1', module_name: 'ps_cashondelivery' },
  { ...flags, id: 14, it: 'Vecchio stato (eliminato)', en: 'Old state (deleted)', tpl: '', unremovable: false, color: '#999999', deleted: true },
  { ...flags, id: 1, it: 'Contanti alla consegna', en: 'Cash on delivery', tpl: 'cheque', send_email: true, color: '#4169E1', module_name: 'ps_checkpayment' },
  { ...flags, id: 10, it: 'In attesa di pagamento con bonifico bancario', en: 'Awaiting bank wire payment', tpl: 'bankwire', send_email: true, color: '#4169E1', module_name: 'ps_wirepayment' },
];

export const FIRST_NAMES: readonly [string, number][] = [
  ['Giulia', 2], ['Francesca', 2], ['Chiara', 2], ['Sara', 2], ['Martina', 2], ['Elena', 2], ['Alessia', 2], ['Valentina', 2], ['Federica', 2], ['Silvia', 2],
  ['Marco', 1], ['Luca', 1], ['Giuseppe', 1], ['Francesco', 1], ['Alessandro', 1], ['Andrea', 1], ['Matteo', 1], ['Lorenzo', 1], ['Davide', 1], ['Paolo', 1],
];

export const LAST_NAMES: readonly string[] = [
  'Rossi', 'Russo', 'Ferrari', 'Esposito', 'Bianchi', 'Romano', 'Colombo', 'Ricci', 'Marino', 'Greco',
  'Bruno', 'Gallo', 'Conti', 'De Luca', 'Mancini', 'Costa', 'Giordano', 'Rizzo', 'Lombardi', 'Moretti',
  "D'Angelo", 'Barbieri', 'Fontana', 'Santoro', 'Mariani', 'Rinaldi', 'Caruso', 'Ferrara', 'Galli', 'Martini',
];

export const MAIL_DOMAINS: readonly string[] = ['gmail.com', 'libero.it', 'hotmail.it', 'yahoo.it', 'alice.it', 'virgilio.it', 'tiscali.it'];

/** [city, postcode, province id (PrestaShop state of Italy), phone prefix] */
export const CITIES: readonly [string, string, number, string][] = [
  ['Roma', '00184', 184, '06'], ['Milano', '20121', 160, '02'], ['Napoli', '80133', 162, '081'], ['Torino', '10121', 200, '011'],
  ['Palermo', '90133', 172, '091'], ['Genova', '16121', 144, '010'], ['Bologna', '40121', 128, '051'], ['Firenze', '50122', 142, '055'],
  ['Bari', '70121', 124, '080'], ['Catania', '95124', 132, '095'], ['Venezia', '30124', 205, '041'], ['Verona', '37121', 208, '045'],
  ['Padova', '35122', 167, '049'], ['Trieste', '34121', 203, '040'], ['Brescia', '25121', 128, '030'], ['Parma', '43121', 169, '0521'],
  ['Perugia', '06121', 171, '075'], ['Lecce', '73100', 153, '0832'], ['Cagliari', '09124', 130, '070'], ['Trento', '38122', 201, '0461'],
];

export const STREETS: readonly string[] = [
  'Via Roma', 'Via Garibaldi', 'Corso Vittorio Emanuele II', 'Via Mazzini', 'Via Cavour', 'Piazza della Repubblica', 'Via Dante Alighieri',
  'Viale Europa', 'Via XX Settembre', 'Via Verdi', 'Corso Italia', 'Via Nazionale', 'Via Matteotti', 'Via San Francesco',
];

/** [id, reference, name, price tax excl, attribute ids] — IVA 22%. */
export const PRODUCTS: readonly [number, string, string, number, number[]][] = [
  [1, 'OLIO-EVO-750', "Olio extravergine d'oliva 750 ml", 10.5, [0]],
  [2, 'PAST-GRAGN-500', 'Pasta di Gragnano IGP 500 g', 2.3, [0]],
  [3, 'CAFFE-MOKA-250', 'Caffè macinato per moka 250 g', 4.9, [0]],
  [4, 'PARM-24M-1KG', 'Parmigiano Reggiano 24 mesi 1 kg', 22.95, [0]],
  [5, 'ACETO-BALS-250', 'Aceto balsamico di Modena IGP 250 ml', 7.8, [0]],
  [6, 'VINO-CHIANTI-075', 'Chianti Classico DOCG 0,75 l', 13.11, [0]],
  [7, 'TSHIRT-TRIC', 'T-shirt Tricolore - Taglia', 15.57, [11, 12, 13, 14]],
  [8, 'GREMB-CUCINA', 'Grembiule da cucina in lino', 18.85, [0]],
  [9, 'TAGLIERE-ULIVO', 'Tagliere in legno di ulivo', 27.05, [0]],
  [10, 'LIMONC-500', 'Limoncello di Sorrento 50 cl', 12.3, [0]],
  [11, 'PESTO-GEN-190', 'Pesto genovese DOP 190 g', 3.2, [0]],
  [12, 'TAZZE-ESPR-6', 'Set 6 tazzine da espresso - Colore', 20.49, [21, 22]],
];

export const ATTRIBUTE_NAMES: Record<number, string> = {
  11: ' : S', 12: ' : M', 13: ' : L', 14: ' : XL', 21: ' : Bianco', 22: ' : Rosso',
};

/** [module, payment label, first state, weight] */
export const PAYMENTS: readonly [string, string, number, number][] = [
  ['ps_wirepayment', 'Bonifico bancario', 10, 3],
  ['ps_cashondelivery', 'Pagamento alla consegna', 13, 2],
  ['ps_checkpayment', 'Contanti alla consegna', 1, 1],
  ['paypal', 'PayPal', 11, 3],
  ['stripe_official', 'Carta di credito', 2, 3],
];

/** Carrier ids of a typical Italian shop (2 = BRT, 3 = Poste Italiane, 4 = GLS). */
export const CARRIERS: readonly number[] = [2, 3, 4];

export const CONFIGURATIONS: readonly [string, string][] = [
  ['PS_LANG_DEFAULT', '1'], ['PS_CURRENCY_DEFAULT', '1'], ['PS_COUNTRY_DEFAULT', '10'], ['PS_SHOP_NAME', 'Bottega Italiana'],
  ['PS_SHOP_EMAIL', 'ordini@bottega-italiana.example'], ['PS_TIMEZONE', 'Europe/Rome'], ['PS_OS_PAYMENT', '2'],
  ['PS_OS_PREPARATION', '3'], ['PS_OS_SHIPPING', '4'], ['PS_OS_DELIVERED', '5'], ['PS_OS_CANCELED', '6'], ['PS_OS_REFUND', '7'],
  ['PS_OS_ERROR', '8'], ['PS_OS_OUTOFSTOCK_PAID', '9'], ['PS_OS_BANKWIRE', '10'], ['PS_OS_WS_PAYMENT', '11'],
  ['PS_OS_OUTOFSTOCK_UNPAID', '12'], ['PS_OS_COD_VALIDATION', '13'], ['PS_WEBSERVICE', '1'], ['PS_MAIL_METHOD', '1'],
];

/** [id, iso_code, Italian name, English name]: a stock PrestaShop's own country ids (10 = Italy, 21 = United States). */
export const COUNTRIES: readonly [number, string, string, string][] = [
  [1, 'DE', 'Germania', 'Germany'], [6, 'ES', 'Spagna', 'Spain'], [8, 'FR', 'Francia', 'France'], [10, 'IT', 'Italia', 'Italy'],
  [17, 'GB', 'Regno Unito', 'United Kingdom'], [19, 'CH', 'Svizzera', 'Switzerland'], [21, 'US', 'Stati Uniti', 'United States'],
];
